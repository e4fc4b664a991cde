package org.admoderation.worker.scoring;

import org.jspecify.annotations.Nullable;

/**
 * The model's verdict on one advertisement: a probability, or why it could not score it.
 *
 * @param probability the probability of a violation; null when unscorable
 * @param violation whether the probability reaches the model's threshold
 * @param unscorableReason what went wrong, for the task's error message
 * @param unscorableCode the same as a short code, for the failure metrics' {@code reason}
 * tag: {@link #UNSUPPORTED_INPUT} or {@link #MODEL_ERROR}
 */
public record Score(@Nullable Double probability, boolean violation, @Nullable String unscorableReason,
		@Nullable String unscorableCode) {

	/** The ad has a value the model was not trained for (category, negative price). */
	public static final String UNSUPPORTED_INPUT = "unsupported_input";

	/** onnxruntime failed on the ad, on its own and after retries. */
	public static final String MODEL_ERROR = "model_error";

	static Score of(double probability, double threshold) {
		return new Score(probability, probability >= threshold, null, null);
	}

	static Score unscorable(String code, String reason) {
		return new Score(null, false, reason, code);
	}

	public boolean scored() {
		return this.probability != null;
	}

}
