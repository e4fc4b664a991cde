package org.admoderation.api.outbox;

import java.time.Clock;
import java.time.Duration;
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
import org.admoderation.common.tracing.TaskTracing;
import org.admoderation.common.tracing.TaskTracing.TaskScope;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes pending tasks whose publish is due to {@link Topics#MODERATION}, and
 * publishes again those that no worker finished within the processing timeout (DESIGN.md
 * invariants 1 and 6).
 * <p>
 * Each round claims due rows with {@code FOR UPDATE SKIP LOCKED}, so several API replicas
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

	private final JdbcClient jdbc;

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

	public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, BatchPublisher publisher, JsonMapper json,
			DeadLetterOutbox deadLetters, OutboxProperties properties, Clock clock, MeterRegistry meters,
			TaskTracing tracing) {
		this.tracing = tracing;
		this.jdbc = jdbc;
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
		this.loop = new RelayLoop("moderation-outbox-relay", this::relayDueTasks, properties.pollInterval(),
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
	 * One round: claim due tasks, publish them, record the outcome.
	 * @return how many tasks were claimed
	 */
	public int relayDueTasks() {
		Round round = this.transactions.execute((status) -> {
			List<DueTask> due = claimDueTasks();
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
			return new Round(due.size(), publish(toPublish), gaveUp);
		});
		if (round == null) {
			return 0;
		}
		// Counted once committed: a round that rolls back is claimed again and counted
		// then.
		this.published.increment(round.published());
		this.gaveUp.increment(round.gaveUp());
		return round.claimed();
	}

	private List<DueTask> claimDueTasks() {
		return this.jdbc.sql("""
				select id, item_id, attempts, publishes, trace_parent from moderation_results
				where status = 'pending' and publish_due_at <= now()
				order by publish_due_at
				limit :limit
				for update skip locked
				""")
			.param("limit", this.properties.batchSize())
			.query((rs, row) -> new DueTask(rs.getLong("id"), rs.getLong("item_id"), rs.getInt("attempts"),
					rs.getInt("publishes"), rs.getString("trace_parent")))
			.list();
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
		markPublished(published);
		postpone(notPublished);
		if (!notPublished.isEmpty()) {
			logger.warn("Kafka did not acknowledge {} of {} moderation requests; publishing them again in {}",
					notPublished.size(), tasks.size(), this.properties.retryBackoff());
		}
		return published.size();
	}

	private OutgoingRecord toRecord(DueTask task, Instant now) {
		ModerationRequest request = task.toRequest(now);
		return new OutgoingRecord(Topics.MODERATION, request.key(), this.json.writeValueAsString(request),
				task.traceParent());
	}

	private void markPublished(List<Long> taskIds) {
		if (taskIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update moderation_results
				set publishes = publishes + 1,
				    publish_due_at = now() + make_interval(secs => :timeoutSeconds * power(2, least(publishes, 6)))
				where id = any(:ids)
				""")
			.param("timeoutSeconds", seconds(this.properties.processingTimeout()))
			.param("ids", taskIds.toArray(Long[]::new))
			.update();
	}

	private void postpone(List<Long> taskIds) {
		if (taskIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update moderation_results
				set publish_due_at = now() + make_interval(secs => :backoffSeconds)
				where id = any(:ids)
				""")
			.param("backoffSeconds", seconds(this.properties.retryBackoff()))
			.param("ids", taskIds.toArray(Long[]::new))
			.update();
	}

	/**
	 * @return whether this call failed the task (false when it was already terminal)
	 */
	private boolean giveUp(DueTask task) {
		String reason = "Not finished after " + task.attempts() + " processing attempts";
		int updated = this.jdbc.sql("""
				update moderation_results
				set status = 'failed', error_message = :reason, processed_at = now(), publish_due_at = null
				where id = :id and status = 'pending'
				""").param("reason", reason).param("id", task.id()).update();
		if (updated == 1) {
			this.deadLetters.addForTask(task.id(), this.json.valueToTree(task.toRequest(this.clock.instant())), reason,
					task.attempts());
			try (TaskScope scope = this.tracing.continueTrace(task.traceParent(), "moderation.task.give-up")) {
				logger.warn("Task {} failed: {}", task.id(), reason);
			}
		}
		return updated == 1;
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private record Round(int claimed, int published, int gaveUp) {

	}

	private record DueTask(long id, long itemId, int attempts, int publishes, @Nullable String traceParent) {

		ModerationRequest toRequest(Instant timestamp) {
			return new ModerationRequest(this.id, this.itemId, timestamp);
		}

	}

}
