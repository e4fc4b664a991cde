package org.admoderation.common.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.admoderation.common.messaging.Topics;
import org.admoderation.common.metrics.ModerationMeters;
import org.admoderation.common.relay.BatchPublisher;
import org.admoderation.common.relay.BatchPublisher.OutgoingRecord;
import org.admoderation.common.relay.RelayLoop;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed dead letters to {@link Topics#MODERATION_DLQ} and marks them
 * published once the broker acknowledged them. While the topic is unavailable they wait
 * in the table: a failure record arrives late but never vanishes (docs/design.md,
 * invariant 3).
 */
public class DeadLetterRelay {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterRelay.class);

	/** The longest a refused dead letter waits before its next try. */
	static final Duration RETRY_CAP = Duration.ofSeconds(30);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final BatchPublisher publisher;

	private final DeadLetterProperties properties;

	private final RelayLoop loop;

	private final Counter published;

	public DeadLetterRelay(JdbcClient jdbc, TransactionTemplate transactions, BatchPublisher publisher,
			DeadLetterProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.publisher = publisher;
		this.properties = properties;
		this.published = Counter.builder(ModerationMeters.DEAD_LETTERS_PUBLISHED)
			.description("Dead letters the broker acknowledged on moderation_dlq")
			.register(meters);
		this.loop = new RelayLoop("dead-letter-relay", this::relayPending, properties.pollInterval(),
				properties.maxBackoff());
	}

	/** The background loop; a bean of its own so the context starts and stops it. */
	public RelayLoop loop() {
		return this.loop;
	}

	/**
	 * Asks the relay to publish now, typically right after dead letters were committed.
	 */
	public void wakeUp() {
		this.loop.wakeUp();
	}

	/**
	 * One round: claim unpublished dead letters, publish them, mark the acknowledged
	 * ones.
	 * @return how many were published
	 */
	public int relayPending() {
		Integer published = this.transactions.execute((status) -> {
			List<PendingDeadLetter> pending = this.jdbc.sql("""
					select d.id, d.record_key, d.payload, t.trace_parent
					from dead_letters d
					left join moderation_results t on t.id = d.task_id
					where d.published_at is null and d.publish_due_at <= now()
					order by d.publish_due_at, d.id
					limit :limit
					for update of d skip locked
					""")
				.param("limit", this.properties.batchSize())
				.query((rs, row) -> new PendingDeadLetter(rs.getLong("id"), rs.getString("record_key"),
						rs.getString("payload"), rs.getString("trace_parent")))
				.list();
			if (pending.isEmpty()) {
				return 0;
			}
			List<OutgoingRecord> records = pending.stream()
				.map((deadLetter) -> new OutgoingRecord(Topics.MODERATION_DLQ, deadLetter.key(), deadLetter.payload(),
						deadLetter.traceParent()))
				.toList();
			boolean[] acknowledged = this.publisher.publish(records, this.properties.sendTimeout());
			List<Long> publishedIds = new ArrayList<>(pending.size());
			List<Long> refusedIds = new ArrayList<>();
			for (int i = 0; i < pending.size(); i++) {
				(acknowledged[i] ? publishedIds : refusedIds).add(pending.get(i).id());
			}
			if (!publishedIds.isEmpty()) {
				this.jdbc.sql("update dead_letters set published_at = now() where id = any(:ids)")
					.param("ids", publishedIds.toArray(Long[]::new))
					.update();
			}
			if (!refusedIds.isEmpty()) {
				// Behind the letters after it, for 1 s, 2 s, 4 s ... at most RETRY_CAP: a
				// letter that can never be sent is retried rarely and blocks nobody, and
				// one the broker was merely away for goes out soon after it returns.
				this.jdbc
					.sql("""
							update dead_letters
							set publish_attempts = publish_attempts + 1,
							    publish_due_at = clock_timestamp() + least(interval '1 second' * power(2, least(publish_attempts, 20)),
							                                   :cap * interval '1 second')
							where id = any(:ids)
							""")
					.param("ids", refusedIds.toArray(Long[]::new))
					.param("cap", RETRY_CAP.toSeconds())
					.update();
				logger.warn(
						"Kafka did not acknowledge {} of {} dead letters; they stay queued and are tried again later",
						refusedIds.size(), pending.size());
			}
			return publishedIds.size();
		});
		int count = (published != null) ? published : 0;
		// Counted once committed: a round that rolls back is published again and counted
		// then.
		this.published.increment(count);
		return count;
	}

	/**
	 * @param traceParent the trace context of the task it is about, if any: the dead
	 * letter carries it as its {@code traceparent} header, as the task's request did
	 */
	private record PendingDeadLetter(long id, @Nullable String key, String payload, @Nullable String traceParent) {

	}

}
