package org.admoderation.api.webhook;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.admoderation.common.relay.RelayLoop;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sends webhooks from this replica unless {@code moderation.webhooks.enabled=false};
 * endpoints and their logs are managed either way.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "moderation.webhooks.enabled", matchIfMissing = true)
	WebhookDispatcher webhookDispatcher(WebhookDeliveries deliveries, WebhookProperties properties, Clock clock,
			MeterRegistry meters) {
		return new WebhookDispatcher(deliveries, properties, clock, meters);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "moderation.webhooks.enabled", matchIfMissing = true)
	RelayLoop webhookDispatcherLoop(WebhookDispatcher dispatcher) {
		return dispatcher.loop();
	}

}
