package org.admoderation.worker.moderation;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.admoderation.common.review.ReviewProperties;
import org.admoderation.common.review.ReviewQueue.Cause;
import org.admoderation.model.Decision;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which decisions a person sees: every {@code review}, and a random share
 * ({@code moderation.review.sample-rate}) of the others, drawn independently per
 * decision, so that agreement between the model and reviewers is measured on decisions
 * the model was sure of too.
 */
@Component
class ReviewSampling {

	private final double sampleRate;

	private final DoubleSupplier uniform;

	@Autowired
	ReviewSampling(ReviewProperties properties) {
		this(properties.sampleRate(), () -> ThreadLocalRandom.current().nextDouble());
	}

	ReviewSampling(double sampleRate, DoubleSupplier uniform) {
		this.sampleRate = sampleRate;
		this.uniform = uniform;
	}

	Optional<Cause> causeFor(Decision decision) {
		if (decision == Decision.REVIEW) {
			return Optional.of(Cause.REVIEW);
		}
		return (this.uniform.getAsDouble() < this.sampleRate) ? Optional.of(Cause.QUALITY_SAMPLE) : Optional.empty();
	}

}
