package org.admoderation.api.review;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Whether people agreed with the model, over the tasks the model approved or rejected: a
 * {@code review} decision asked for a person and is neither right nor wrong.
 */
record Agreement(long agreed, long compared) {

	static final String AGREE = "agree";

	static final String DISAGREE = "disagree";

	static final String MODEL_REVIEW = "model_review";

	/** From counts of the model's decision, then the person's, to tasks. */
	static Agreement of(Map<String, Map<String, Long>> byModelThenHuman) {
		long agreed = 0;
		long compared = 0;
		for (Map.Entry<String, Map<String, Long>> model : byModelThenHuman.entrySet()) {
			if ("review".equals(model.getKey())) {
				continue;
			}
			for (Map.Entry<String, Long> human : model.getValue().entrySet()) {
				compared += human.getValue();
				if (human.getKey().equals(model.getKey())) {
					agreed += human.getValue();
				}
			}
		}
		return new Agreement(agreed, compared);
	}

	/** How one person's verdict compares with the model's decision. */
	static String of(String modelDecision, String verdict) {
		if ("review".equals(modelDecision)) {
			return MODEL_REVIEW;
		}
		return modelDecision.equals(verdict) ? AGREE : DISAGREE;
	}

	@Nullable Double share() {
		return (this.compared == 0) ? null : (double) this.agreed / this.compared;
	}

}
