package org.admoderation.api.web;

import org.admoderation.api.ApiIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only health is open on the actuator; everything else stays closed to anonymous callers.
 */
@ApiIntegrationTest
class ActuatorExposureTests {

	@Autowired
	private MockMvcTester mvc;

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void healthIsOpen(String path) {
		assertThat(this.mvc.get().uri(path).exchange()).hasStatus(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/info", "/actuator/env", "/actuator/beans", "/actuator/configprops",
			"/actuator/heapdump", "/actuator/loggers", "/actuator/metrics" })
	void everyOtherEndpointIsClosedToAnonymousCallers(String path) {
		assertThat(this.mvc.get().uri(path).exchange()).hasStatus(404);
	}

}
