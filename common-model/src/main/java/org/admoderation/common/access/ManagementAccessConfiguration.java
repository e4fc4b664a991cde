package org.admoderation.common.access;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Puts {@link ManagementAccessFilter} in front of the actuator wherever it is served: in
 * the management server's own context when it has a port of its own (the API), in the
 * application's context when it shares the port (the worker). Listed in
 * {@code META-INF/spring/...ManagementContextConfiguration.imports}.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
class ManagementAccessConfiguration {

	@Bean
	FilterRegistrationBean<ManagementAccessFilter> managementAccessFilter(OperatorKeys operatorKeys,
			WebEndpointProperties endpoints) {
		var registration = new FilterRegistrationBean<>(
				new ManagementAccessFilter(operatorKeys, endpoints.getBasePath()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
