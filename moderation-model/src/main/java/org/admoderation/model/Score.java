package org.admoderation.model;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The model's verdict on one advertisement, or why it could not give one.
 *
 * @param probability the probability that the ad breaks any policy; null when unscorable
 * @param decision approve, review or reject; null when unscorable
 * @param reasons the policies that weighed on the decision, strongest first
 * @param unscorableReason what went wrong, for the task's error message
 * @param unscorableCode the same as a short code, for the failure metrics' {@code reason}
 * tag: {@link #UNSUPPORTED_INPUT} or {@link #MODEL_ERROR}
 */
public record Score(@Nullable Double probability, @Nullable Decision decision, List<Reason> reasons,
		@Nullable String unscorableReason, @Nullable String unscorableCode) {

	/** The ad has a value the model cannot take (a negative price or image count). */
	public static final String UNSUPPORTED_INPUT = "unsupported_input";

	/** onnxruntime failed on the ad, on its own and after retries. */
	public static final String MODEL_ERROR = "model_error";

	public Score {
		reasons = List.copyOf(reasons);
	}

	static Score of(double probability, Decision decision, List<Reason> reasons) {
		return new Score(probability, decision, reasons, null, null);
	}

	static Score unscorable(String code, String reason) {
		return new Score(null, null, List.of(), reason, code);
	}

	public boolean scored() {
		return this.probability != null;
	}

	/** The seed's binary verdict: true exactly when the decision is reject. */
	public boolean violation() {
		return this.decision == Decision.REJECT;
	}

}
