package org.admoderation.api.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.admoderation.common.deadletter.DeadLetterOutbox;
import org.admoderation.common.messaging.ModerationRequest;
import org.admoderation.common.messaging.Topics;
import org.admoderation.common.metrics.ModerationMeters;
import org.admoderation.common.relay.BatchPublisher;
import org.admoderation.common.relay.BatchPublisher.OutgoingRecord;
import org.admoderation.common.relay.RelayLoop;
import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskRepository.DueTask;
import org.admoderation.common.tracing.TaskTracing;
import org.admoderation.common.tracing.TaskTracing.TaskScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes pending tasks whose publish is due to {@link Topics#MODERATION}, and
 * publishes again those that no worker finished within the processing timeout
 * (docs/design.md, invariants 1 and 6).
 * <p>
 * Each flush claims due rows with {@code FOR UPDATE SKIP LOCKED}, so several API replicas
 * share the work without publishing a row twice at the same time, sends them, and in the
 * same transaction moves each row's {@code publish_due_at}: past the processing timeout
 * when the broker acknowledged it, a short backoff ahead when it did not. A task that
 * used up its deliveries ends {@code failed} with a dead letter.
 */
@Component
public class OutboxRelay {

	/** The {@code reason} tag of a task no worker finished within its deliveries. */
	static final String ATTEMPTS_EXHAUSTED = "attempts_exhausted";

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final TaskRepository tasks;

	private final TransactionTemplate transactions;

	private final BatchPublisher publisher;

	private final JsonMapper json;

	private final DeadLetterOutbox deadLetters;

	private final OutboxProperties properties;

	private final Clock clock;

	private final RelayLoop loop;

	private final Counter published;

	private final Counter gaveUp;

	private final TaskTracing tracing;

	public OutboxRelay(TaskRepository tasks, TransactionTemplate transactions, BatchPublisher publisher,
			JsonMapper json, DeadLetterOutbox deadLetters, OutboxProperties properties, Clock clock,
			MeterRegistry meters, TaskTracing tracing) {
		this.tracing = tracing;
		this.tasks = tasks;
		this.transactions = transactions;
		this.publisher = publisher;
		this.json = json;
		this.deadLetters = deadLetters;
		this.properties = properties;
		this.clock = clock;
		this.published = Counter.builder(ModerationMeters.TASKS_PUBLISHED)
			.description("Moderation requests the broker acknowledged, redeliveries included")
			.register(meters);
		this.gaveUp = Counter.builder(ModerationMeters.TASKS_FAILED)
			.description("Tasks that ended failed")
			.tag(ModerationMeters.REASON, ATTEMPTS_EXHAUSTED)
			.register(meters);
		this.loop = new RelayLoop("moderation-outbox-relay", this::flush, properties.pollInterval(),
				properties.retryBackoff());
	}

	/** The background loop; a bean of its own so the context starts and stops it. */
	RelayLoop loop() {
		return this.loop;
	}

	/** Asks the relay to publish now, typically right after a task was committed. */
	public void wakeUp() {
		this.loop.wakeUp();
	}

	/**
	 * One flush: claim the due tasks, give up on those out of deliveries, publish the
	 * rest, and record which the broker acknowledged, all in one transaction.
	 * @return how many tasks were claimed
	 */
	public int flush() {
		Flushed flushed = this.transactions.execute((status) -> {
			List<DueTask> due = this.tasks.claimDue(this.properties.batchSize());
			List<DueTask> toPublish = new ArrayList<>(due.size());
			int gaveUp = 0;
			for (DueTask task : due) {
				if (task.attempts() >= this.properties.maxAttempts()) {
					gaveUp += giveUp(task) ? 1 : 0;
				}
				else {
					toPublish.add(task);
				}
			}
			return new Flushed(due.size(), publish(toPublish), gaveUp);
		});
		if (flushed == null) {
			return 0;
		}
		// Counted once committed: a flush that rolls back claims its tasks again.
		this.published.increment(flushed.published());
		this.gaveUp.increment(flushed.gaveUp());
		return flushed.claimed();
	}

	/**
	 * @return how many the broker acknowledged
	 */
	private int publish(List<DueTask> tasks) {
		if (tasks.isEmpty()) {
			return 0;
		}
		Instant now = this.clock.instant();
		List<OutgoingRecord> records = tasks.stream().map((task) -> toRecord(task, now)).toList();
		boolean[] acknowledged = this.publisher.publish(records, this.properties.sendTimeout());
		List<Long> published = new ArrayList<>(tasks.size());
		List<Long> notPublished = new ArrayList<>();
		for (int i = 0; i < tasks.size(); i++) {
			(acknowledged[i] ? published : notPublished).add(tasks.get(i).id());
		}
		this.tasks.markPublished(published, this.properties.processingTimeout());
		this.tasks.postpone(notPublished, this.properties.retryBackoff());
		if (!notPublished.isEmpty()) {
			logger.warn("Kafka did not acknowledge {} of {} moderation requests; publishing them again in {}",
					notPublished.size(), tasks.size(), this.properties.retryBackoff());
		}
		return published.size();
	}

	private OutgoingRecord toRecord(DueTask task, Instant now) {
		ModerationRequest request = toRequest(task, now);
		return new OutgoingRecord(Topics.MODERATION, request.key(), this.json.writeValueAsString(request),
				task.traceParent());
	}

	/**
	 * @return whether this call failed the task (false when it was already terminal)
	 */
	private boolean giveUp(DueTask task) {
		String reason = "Not finished after " + task.attempts() + " processing attempts";
		if (!this.tasks.giveUp(task.id(), reason)) {
			return false;
		}
		this.deadLetters.addForTask(task.id(), this.json.valueToTree(toRequest(task, this.clock.instant())), reason,
				task.attempts());
		try (TaskScope scope = this.tracing.continueTrace(task.traceParent(), "moderation.task.give-up")) {
			logger.warn("Task {} failed: {}", task.id(), reason);
		}
		return true;
	}

	private static ModerationRequest toRequest(DueTask task, Instant timestamp) {
		return new ModerationRequest(task.id(), task.itemId(), timestamp);
	}

	private record Flushed(int claimed, int published, int gaveUp) {

	}

}
