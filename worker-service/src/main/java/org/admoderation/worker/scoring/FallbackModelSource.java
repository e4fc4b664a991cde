package org.admoderation.worker.scoring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uses a fallback (the bundled model) when the primary source (MLflow) is unavailable,
 * and says so in the log: only when the operator asked for it
 * ({@code moderation.model.mlflow.fallback-to-bundled}).
 */
public class FallbackModelSource implements ModelSource {

	private static final Logger logger = LoggerFactory.getLogger(FallbackModelSource.class);

	private final ModelSource primary;

	private final ModelSource fallback;

	public FallbackModelSource(ModelSource primary, ModelSource fallback) {
		this.primary = primary;
		this.fallback = fallback;
	}

	@Override
	public String description() {
		return this.primary.description() + " (falling back to " + this.fallback.description() + ")";
	}

	@Override
	public byte[] fetch() {
		try {
			return this.primary.fetch();
		}
		catch (ModelUnavailable ex) {
			logger.warn("{}; using {} instead, as configured", ex.getMessage(), this.fallback.description());
			return this.fallback.fetch();
		}
	}

}
