package org.admoderation.api.admin;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.admoderation.api.security.ApiSecurity;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What {@link RedriveController} needs in a {@code @WebMvcTest} slice, which has no
 * security configuration and no meter registry: the API's filter chain with its keys, and
 * a registry the test can read.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ApiSecurity.class)
public class RedriveControllerSliceConfiguration {

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

}
