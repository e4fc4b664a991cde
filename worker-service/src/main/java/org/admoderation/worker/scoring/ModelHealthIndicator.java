package org.admoderation.worker.scoring;

import java.util.Map;
import java.util.TreeMap;

import org.admoderation.model.PolicyModel;
import org.admoderation.model.Thresholds;

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
			PolicyModel model = this.lifecycle.model();
			Map<String, Thresholds> thresholds = new TreeMap<>();
			model.thresholds().forEach((policy, pair) -> thresholds.put(policy.code(), pair));
			builder.up().withDetail("version", model.version()).withDetail("thresholds", thresholds);
		}
	}

}
