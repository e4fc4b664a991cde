package org.admoderation.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The moderation API service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiApplication {

	/**
	 * The service's configuration file is {@code api.yml}, not {@code application.yml},
	 * so that the API and the worker can share a classpath (the local runner, the flow
	 * tests) without reading each other's settings.
	 */
	public static final String CONFIG_NAME = "api";

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * The application with its own configuration file; the local runner and tests start
	 * it this way.
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(ApiApplication.class).main(ApiApplication.class)
			.properties("spring.config.name=" + CONFIG_NAME);
	}

}
