package org.admoderation.worker.scoring;

import org.jspecify.annotations.Nullable;

/**
 * The model's verdict on one advertisement: a probability, or the reason it could not
 * score it.
 */
public record Score(@Nullable Double probability, boolean violation, @Nullable String unscorableReason) {

	static Score of(double probability, double threshold) {
		return new Score(probability, probability >= threshold, null);
	}

	static Score unscorable(String reason) {
		return new Score(null, false, reason);
	}

	public boolean scored() {
		return this.probability != null;
	}

}
