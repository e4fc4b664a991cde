package org.admoderation.api.admin;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a redrive request needs, in the document: task ids, or both ends of a time range.
 * A constraint across properties, which annotations cannot state; without it a fuzzer's
 * schema-valid {@code {}} was a 400 the document did not announce.
 */
@Configuration(proxyBeanMethods = false)
class RedriveApiDocs {

	@Bean
	OpenApiCustomizer redriveNeedsIdsOrARange(AdminProperties properties) {
		return (openApi) -> {
			Schema<?> request = openApi.getComponents().getSchemas().get("RedriveRequest");
			if (request == null) {
				return;
			}
			// Present and not null (a null field counts as absent), and ids not an empty
			// list.
			request.setAnyOf(List.of(
					new Schema<>().required(List.of("task_ids"))
						.addProperty("task_ids", new Schema<>().types(Set.of("array")).minItems(1)),
					new Schema<>().required(List.of("failed_from", "failed_to"))
						.addProperty("failed_from", new Schema<>().types(Set.of("string")))
						.addProperty("failed_to", new Schema<>().types(Set.of("string")))));
			Schema<?> taskIds = request.getProperties().get("task_ids");
			if (taskIds != null) {
				taskIds.setTypes(Set.of("array", "null"));
				taskIds.setMaxItems(properties.maxRedrive());
			}
		};
	}

}
