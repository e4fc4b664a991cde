package org.admoderation.testsupport;

import org.admoderation.testsupport.TestInfrastructure.Mode;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds the embedded servers' connection properties, with top precedence, in embedded
 * mode; in Testcontainers mode {@link ContainerInfrastructureConfiguration} connects
 * instead.
 */
public class EmbeddedInfrastructureInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (TestInfrastructure.mode() == Mode.EMBEDDED) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("embeddedInfrastructure", TestInfrastructure.springProperties()));
		}
	}

}
