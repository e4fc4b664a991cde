package org.admoderation.api.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's header; the operations describe themselves with annotations
 * (served at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI moderationOpenApi() {
		return new OpenAPI().info(new Info().title("Ad moderation API")
			.version("1")
			.description("Submit an advertisement for asynchronous moderation, then read the result. "
					+ "Errors are RFC 9457 problem details (application/problem+json)."));
	}

	/**
	 * A problem's {@code instance} is the request's path ("/async_predict") and its
	 * {@code type} may be relative too: URI references (RFC 9457 section 3.1), which the
	 * generated schema declared absolute URIs.
	 */
	@Bean
	OpenApiCustomizer problemUrisAreReferences() {
		return (openApi) -> {
			Schema<?> problem = openApi.getComponents().getSchemas().get("ProblemDetail");
			if (problem != null) {
				for (String property : new String[] { "type", "instance" }) {
					Schema<?> uri = problem.getProperties().get(property);
					if (uri != null) {
						uri.setFormat("uri-reference");
					}
				}
			}
		};
	}

}
