package org.admoderation.model;

import org.jspecify.annotations.Nullable;

/**
 * A policy's two thresholds: a score at or above {@code review} sends the ad to a person,
 * at or above {@code reject} refuses it. A review-only policy has no reject threshold.
 *
 * @param review the review threshold in (0, 1]
 * @param reject the reject threshold in (0, 1], at least {@code review}; null when the
 * policy never rejects
 */
public record Thresholds(double review, @Nullable Double reject) {

	public Thresholds {
		if (!(review > 0 && review <= 1)) {
			throw new IllegalArgumentException("review threshold " + review + " is not in (0, 1]");
		}
		if (reject != null && !(reject >= review && reject <= 1)) {
			throw new IllegalArgumentException("reject threshold " + reject + " is not in [review, 1]");
		}
	}

	/**
	 * Replaces either threshold of a pair.
	 * @throws IncompatibleModel when the result is out of order or out of range
	 */
	Thresholds with(Configured override, String policy) {
		double newReview = (override.review() != null) ? override.review() : this.review;
		Double newReject = (override.reject() != null) ? override.reject() : this.reject;
		try {
			return new Thresholds(newReview, newReject);
		}
		catch (IllegalArgumentException ex) {
			throw new IncompatibleModel("Thresholds configured for " + policy + ": " + ex.getMessage());
		}
	}

	/**
	 * Thresholds an operator configured for a policy; either may be left out to keep the
	 * model's.
	 */
	public record Configured(@Nullable Double review, @Nullable Double reject) {

	}

	Decision decide(double score) {
		if (this.reject != null && score >= this.reject) {
			return Decision.REJECT;
		}
		return (score >= this.review) ? Decision.REVIEW : Decision.APPROVE;
	}

}
