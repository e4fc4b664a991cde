package org.admoderation.api.review;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.admoderation.common.metrics.ModerationMeters;
import org.admoderation.common.review.PolicyCodes;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * People's verdicts by policy and by agreement with the model, and the time items wait
 * for them. The queue's depth and age are gauges of the backlog.
 */
@Component
class ReviewMetrics {

	private final MeterRegistry registry;

	private final Timer timeToReview;

	ReviewMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.timeToReview = Timer.builder(ModerationMeters.REVIEW_TIME)
			.description("From an item's entry into the review queue to a person's verdict")
			// People's pace, not a machine's: a few buckets from half a minute to a day.
			.serviceLevelObjectives(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
					Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1))
			.register(registry);
		// Every series from zero, so a rate sees the first verdict.
		for (String verdict : new String[] { "approve", "reject" }) {
			for (String agreement : new String[] { Agreement.AGREE, Agreement.DISAGREE, Agreement.MODEL_REVIEW }) {
				decisions(verdict, "none", agreement);
				PolicyCodes.ALL.forEach((policy) -> decisions(verdict, policy, agreement));
			}
		}
	}

	/**
	 * @param policy the model's strongest reason, or {@code none}
	 * @param enqueuedAt when the item entered the queue; null for a verdict on a task
	 * that was not in it
	 */
	void decided(String verdict, String policy, String modelDecision, @Nullable Instant enqueuedAt,
			Instant reviewedAt) {
		decisions(verdict, policy, Agreement.of(modelDecision, verdict)).increment();
		if (enqueuedAt != null) {
			this.timeToReview.record(Duration.between(enqueuedAt, reviewedAt));
		}
	}

	private Counter decisions(String verdict, String policy, String agreement) {
		return Counter.builder(ModerationMeters.REVIEW_DECISIONS)
			.description("People's verdicts, by the model's strongest reason and agreement with the model")
			.tag(ModerationMeters.VERDICT, verdict)
			.tag("policy", policy)
			.tag("agreement", agreement)
			.register(this.registry);
	}

}
