package org.admoderation.api.backlog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.admoderation.common.deadletter.DeadLetterOutbox;
import org.admoderation.common.metrics.ModerationMeters;
import org.admoderation.common.results.ResultEventRelay;
import org.admoderation.common.review.ReviewQueue;
import org.admoderation.common.review.ReviewQueue.Depth;
import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskRepository.PendingCounts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * How much waits in PostgreSQL: tasks due to be published, pending tasks, unpublished
 * dead letters and result events, items waiting for a reviewer. Four counts (on the
 * partial indexes of pending tasks, unpublished dead letters and result events, and the
 * review queue) serve them all, at most every {@link #MAX_AGE}, however often and by
 * however many scrapers they are read. The figures are the database's, so every API
 * replica reports the same: dashboards take their {@code max}, not their sum. While the
 * database does not answer they read NaN, a gap on a graph rather than a false zero.
 */
@Component
class BacklogMetrics implements MeterBinder {

	static final Duration MAX_AGE = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(BacklogMetrics.class);

	private final TaskRepository tasks;

	private final DeadLetterOutbox deadLetters;

	private final ReviewQueue reviewQueue;

	private final ResultEventRelay resultEvents;

	private final Clock clock;

	private @Nullable Backlog last;

	BacklogMetrics(TaskRepository tasks, DeadLetterOutbox deadLetters, ReviewQueue reviewQueue,
			ResultEventRelay resultEvents, Clock clock) {
		this.tasks = tasks;
		this.deadLetters = deadLetters;
		this.reviewQueue = reviewQueue;
		this.resultEvents = resultEvents;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(ModerationMeters.OUTBOX_BACKLOG, this, (metrics) -> metrics.current().due())
			.description("Pending tasks whose publish to Kafka is due: the outbox backlog")
			.register(registry);
		Gauge.builder(ModerationMeters.TASKS_PENDING, this, (metrics) -> metrics.current().pending())
			.description("Pending tasks, published or not: accepted and not yet moderated")
			.register(registry);
		Gauge.builder(ModerationMeters.DEAD_LETTER_BACKLOG, this, (metrics) -> metrics.current().deadLetters())
			.description("Dead letters not yet acknowledged on moderation_dlq")
			.register(registry);
		Gauge.builder(ModerationMeters.RESULT_EVENTS_BACKLOG, this, (metrics) -> metrics.current().resultEvents())
			.description("Result events not yet acknowledged on moderation_results")
			.register(registry);
		Gauge.builder(ModerationMeters.REVIEW_QUEUE_DEPTH, this, (metrics) -> metrics.current().reviewQueue())
			.description("Items waiting for a person in the review queue, claimed or not")
			.register(registry);
		Gauge.builder(ModerationMeters.REVIEW_QUEUE_OLDEST, this, (metrics) -> metrics.current().oldestReviewSeconds())
			.description("How long the oldest item of the review queue has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	private synchronized Backlog current() {
		Instant now = this.clock.instant();
		if (this.last == null || this.last.measuredAt().plus(MAX_AGE).isBefore(now)) {
			this.last = measure(now);
		}
		return this.last;
	}

	private Backlog measure(Instant now) {
		try {
			PendingCounts pending = this.tasks.countPending();
			Depth review = this.reviewQueue.depth();
			double oldest = (review.oldestAge() != null) ? review.oldestAge().toMillis() / 1000.0 : 0;
			return new Backlog(pending.due(), pending.pending(), this.deadLetters.countUnpublished(),
					this.resultEvents.countUnpublished(), review.depth(), oldest, now);
		}
		catch (DataAccessException ex) {
			logger.debug("Backlog not measured: {}", ex.toString());
			return new Backlog(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, now);
		}
	}

	private record Backlog(double due, double pending, double deadLetters, double resultEvents, double reviewQueue,
			double oldestReviewSeconds, Instant measuredAt) {

	}

}
