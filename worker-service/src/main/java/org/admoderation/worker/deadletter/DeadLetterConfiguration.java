package org.admoderation.worker.deadletter;

import org.admoderation.common.relay.RelayLoop;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the dead-letter relay in the background.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	@Bean
	RelayLoop deadLetterRelayLoop(DeadLetterRelay relay) {
		return relay.loop();
	}

}
