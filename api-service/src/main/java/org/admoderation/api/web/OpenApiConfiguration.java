package org.admoderation.api.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

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

}
