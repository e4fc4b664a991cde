package org.admoderation.api;

import org.admoderation.common.config.ModerationCommonConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The moderation API service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ModerationCommonConfiguration.class)
public class ApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(ApiApplication.class, args);
	}

}
