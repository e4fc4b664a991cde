package org.admoderation.api.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.models.media.Schema;
import org.admoderation.common.review.PolicyCodes;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a verdict needs, in the document: a reason code to reject. A constraint across
 * properties, which annotations cannot state; without it a schema-valid rejection without
 * a reason would be a 400 the document did not announce.
 */
@Configuration(proxyBeanMethods = false)
class ReviewApiDocs {

	@Bean
	OpenApiCustomizer rejectingNeedsAReasonCode() {
		return (openApi) -> {
			Schema<?> request = openApi.getComponents().getSchemas().get("ReviewRequest");
			if (request == null) {
				return;
			}
			request.setAnyOf(List.of(verdictOnly("approve"), verdictOnly("reject").required(List.of("reason_code"))
				.addProperty("reason_code", new Schema<>().types(Set.of("string")))));
			// null is "no reason" (enough to approve), so the enum holds it too.
			Schema<Object> reasonCode = new Schema<>();
			reasonCode.setTypes(Set.of("string", "null"));
			List<Object> codes = new ArrayList<>(PolicyCodes.ALL);
			codes.add(null);
			reasonCode.setEnum(codes);
			reasonCode.setDescription("The policy behind the verdict: required to reject, optional to approve");
			reasonCode.setExample("contacts_in_text");
			request.getProperties().put("reason_code", reasonCode);
			Schema<?> note = request.getProperties().get("note");
			if (note != null) {
				note.setTypes(Set.of("string", "null"));
			}
		};
	}

	private static Schema<Object> verdictOnly(String verdict) {
		Schema<Object> value = new Schema<>();
		value.setTypes(Set.of("string"));
		value.setEnum(List.of(verdict));
		return new Schema<>().addProperty("verdict", value);
	}

}
