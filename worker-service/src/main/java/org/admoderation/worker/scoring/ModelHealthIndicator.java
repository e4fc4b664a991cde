package org.admoderation.worker.scoring;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code model}: UP with the model version once loaded, OUT_OF_SERVICE with the reason
 * before. Part of the readiness group: a worker without a model is not ready.
 */
@Component("model")
class ModelHealthIndicator extends AbstractHealthIndicator {

	private final ModelLifecycle lifecycle;

	ModelHealthIndicator(ModelLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String problem = this.lifecycle.problem();
		if (problem != null) {
			builder.outOfService().withDetail("reason", problem);
		}
		else {
			ModerationModel model = this.lifecycle.model();
			builder.up().withDetail("version", model.version()).withDetail("threshold", model.threshold());
		}
	}

}
