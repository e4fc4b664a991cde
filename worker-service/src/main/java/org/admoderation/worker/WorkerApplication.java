package org.admoderation.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The moderation worker service. Scale it by running more instances in the same consumer
 * group, up to the partition count of {@code moderation}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

	/**
	 * The service's configuration file is {@code worker.yml}, not
	 * {@code application.yml}, so that the API and the worker can share a classpath (the
	 * local runner, the flow tests) without reading each other's settings.
	 */
	public static final String CONFIG_NAME = "worker";

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * The application with its own configuration file; the local runner and tests start
	 * it this way.
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(WorkerApplication.class).main(WorkerApplication.class)
			.properties("spring.config.name=" + CONFIG_NAME);
	}

}
