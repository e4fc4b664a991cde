package org.admoderation.api.webhook;

import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.admoderation.common.security.KeySecurity;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The answers every {@code /admin/webhooks} operation may give besides its own, and the
 * key it takes, stated once for all of them instead of on each handler.
 */
@Configuration(proxyBeanMethods = false)
class WebhookApiDocs {

	private static final Map<String, String> EVERY_OPERATION = Map.of("400",
			"A malformed id, parameter or body, or a field the registration cannot take", "401",
			"X-Admin-Key missing or wrong", "403", "The key is valid but not the operator's", "404",
			"No such endpoint or delivery; or no admin key is configured: the endpoints are closed", "503",
			"Database unreachable; nothing changed, see Retry-After");

	private static final Map<String, String> WITH_A_BODY = Map.of("409", "Another endpoint has this name", "413",
			"The body is larger than moderation.http.max-body-size", "415", "The body is not application/json");

	@Bean
	OpenApiCustomizer webhookOperationsAnswerProblems() {
		return (openApi) -> openApi.getPaths().forEach((path, item) -> {
			if (path.startsWith("/admin/webhooks")) {
				item.readOperations().forEach(WebhookApiDocs::document);
			}
		});
	}

	private static void document(Operation operation) {
		operation.addParametersItem(new HeaderParameter().name(KeySecurity.ADMIN_KEY_HEADER)
			.required(true)
			.description("The operators' key (MODERATION_ADMIN_API_KEY)")
			.schema(new StringSchema()));
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		EVERY_OPERATION.forEach((status, description) -> responses.putIfAbsent(status, problem(description)));
		if (operation.getRequestBody() != null) {
			WITH_A_BODY.forEach((status, description) -> responses.putIfAbsent(status, problem(description)));
		}
		operation.setResponses(responses);
	}

	private static ApiResponse problem(String description) {
		Schema<?> problem = new Schema<>().$ref("#/components/schemas/ProblemDetail");
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					new MediaType().schema(problem)));
	}

}
