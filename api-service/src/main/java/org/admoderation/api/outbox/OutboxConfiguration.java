package org.admoderation.api.outbox;

import org.admoderation.common.relay.RelayLoop;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the outbox relay in the background unless
 * {@code moderation.outbox.relay-enabled=false} (a replica that should only accept
 * requests, or a test that drives the relay itself).
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "moderation.outbox.relay-enabled", matchIfMissing = true)
	RelayLoop outboxRelayLoop(OutboxRelay relay) {
		return relay.loop();
	}

}
