package org.admoderation.api.admin;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.admoderation.common.access.OperatorKeys;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What {@link RedriveController} needs in a {@code @WebMvcTest} slice, which has no
 * configuration properties of the application and no meter registry: the operators' keys
 * and a registry the test can read.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorKeys.class)
public class RedriveControllerSliceConfiguration {

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

}
