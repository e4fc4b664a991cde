package org.admoderation.worker.intake;

import java.util.Collection;

import org.admoderation.worker.scoring.ModelLifecycle;
import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * "listener" in the worker's readiness: the listener container is running, i.e. this
 * worker consumes. It only starts once a model is loaded, and a container that stopped (a
 * fatal consumer error) turns the worker not ready at the next probe.
 */
@Component
class ListenerHealthIndicator extends AbstractHealthIndicator {

	private final KafkaListenerEndpointRegistry listeners;

	ListenerHealthIndicator(KafkaListenerEndpointRegistry listeners) {
		this.listeners = listeners;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MessageListenerContainer container = this.listeners.getListenerContainer(ModelLifecycle.LISTENER_ID);
		// A concurrent container stays "running" after its consumer thread stopped on a
		// fatal error; the child's state is what tells whether anything consumes.
		if (container != null && container.isRunning() && container.isChildRunning()) {
			Collection<TopicPartition> assigned = container.getAssignedPartitions();
			builder.up().withDetail("assignedPartitions", (assigned != null) ? assigned.size() : 0);
		}
		else {
			builder.down().withDetail("reason", "the moderation listener is not running");
		}
	}

}
