package org.admoderation.worker.moderation;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.admoderation.common.metrics.ModerationMeters;
import org.admoderation.model.Decision;
import org.admoderation.model.Score;
import org.admoderation.worker.moderation.InboundRecord.Malformed;

import org.springframework.stereotype.Component;

/**
 * The worker's side of the moderation metrics (names in {@link ModerationMeters}):
 * outcomes, scoring time, end-to-end latency and the distribution of scores. Histograms
 * are published with their buckets, so that dashboards compute quantiles across workers.
 */
@Component
class ModerationMetrics {

	/** Score buckets: enough to see a model drift towards one end. */
	private static final double[] PROBABILITY_BUCKETS = { 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95,
			1.0 };

	private final MeterRegistry registry;

	private final Map<Decision, Counter> completedByDecision = new EnumMap<>(Decision.class);

	private final Timer latencyCompleted;

	private final Timer latencyFailed;

	private final Timer batchScoring;

	private final Timer adScoring;

	private final DistributionSummary batchSize;

	ModerationMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (Decision decision : Decision.values()) {
			this.completedByDecision.put(decision, completed(decision.code()));
		}
		this.latencyCompleted = latency("completed");
		this.latencyFailed = latency("failed");
		this.batchScoring = Timer.builder(ModerationMeters.SCORING_BATCH)
			.description("One model call over a poll's advertisements")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
		this.adScoring = Timer.builder(ModerationMeters.SCORING_AD)
			.description("A model call's time divided among its advertisements")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofNanos(10_000))
			.maximumExpectedValue(Duration.ofSeconds(1))
			.register(registry);
		// Every reason from the start, at zero: a rate over a series that appears
		// with its first failure misses that failure.
		for (String reason : List.of(Triage.ADVERTISEMENT_NOT_FOUND_CODE, Score.UNSUPPORTED_INPUT, Score.MODEL_ERROR)) {
			failedCounter(reason);
		}
		for (String reason : List.of(Malformed.MALFORMED, Malformed.UNKNOWN_TASK, Malformed.ITEM_MISMATCH)) {
			rejectedCounter(reason);
		}
		this.batchSize = DistributionSummary.builder(ModerationMeters.SCORING_BATCH + ".size")
			.description("Advertisements per model call")
			.serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
			.register(registry);
	}

	private Counter completed(String verdict) {
		return counter(ModerationMeters.TASKS_COMPLETED, "Tasks scored and stored", ModerationMeters.VERDICT, verdict);
	}

	private Timer latency(String outcome) {
		return Timer.builder(ModerationMeters.TASK_LATENCY)
			.description("From the task's creation by POST /async_predict to its result being stored")
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(5))
			.maximumExpectedValue(Duration.ofMinutes(30))
			.register(this.registry);
	}

	void scored(int advertisements, Duration took) {
		if (advertisements == 0) {
			return;
		}
		this.batchScoring.record(took);
		this.batchSize.record(advertisements);
		Duration perAd = took.dividedBy(advertisements);
		for (int i = 0; i < advertisements; i++) {
			this.adScoring.record(perAd);
		}
	}

	/** Tasks this worker completed, after the transaction that stored them committed. */
	void completed(List<CompletedTask> tasks, String modelVersion) {
		if (tasks.isEmpty()) {
			return;
		}
		DistributionSummary probabilities = DistributionSummary.builder(ModerationMeters.SCORE_PROBABILITY)
			.description("Violation probabilities the model returned")
			.tag("model", modelVersion)
			.serviceLevelObjectives(PROBABILITY_BUCKETS)
			.register(this.registry);
		for (CompletedTask task : tasks) {
			this.completedByDecision.get(task.decision()).increment();
			probabilities.record(task.probability());
			this.latencyCompleted.record(task.age());
		}
	}

	/** A task this worker failed, after the transaction that stored it committed. */
	void failed(String reason, Duration age) {
		failedCounter(reason).increment();
		this.latencyFailed.record(age);
	}

	/** A record of {@code moderation} no task could be found for, dead-lettered. */
	void rejected(String reason) {
		rejectedCounter(reason).increment();
	}

	private Counter failedCounter(String reason) {
		return counter(ModerationMeters.TASKS_FAILED, "Tasks that ended failed", ModerationMeters.REASON, reason);
	}

	private Counter rejectedCounter(String reason) {
		return counter(ModerationMeters.RECORDS_REJECTED, "Records of moderation that name no task, or the wrong item",
				ModerationMeters.REASON, reason);
	}

	/** Registered once, found again on later calls. */
	private Counter counter(String name, String description, String tag, String value) {
		return Counter.builder(name).description(description).tag(tag, value).register(this.registry);
	}

	/**
	 * A task completed by this worker: what the metrics need of it.
	 *
	 * @param age from the task's creation to its result, by the database's clock
	 */
	record CompletedTask(Decision decision, double probability, Duration age) {

	}

}
