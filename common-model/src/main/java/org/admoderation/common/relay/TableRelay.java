package org.admoderation.common.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.admoderation.common.relay.BatchPublisher.OutgoingRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the committed rows of an outbox table to their topic and marks them published
 * once the broker acknowledged them; while the topic is unavailable they wait in the
 * table, so a record arrives late but never vanishes. Rows are claimed with
 * {@code SKIP LOCKED}, so any number of replicas relay one table side by side. A row the
 * broker refused goes behind the rows after it, for 1 s, 2 s, 4 s ... at most
 * {@link #RETRY_CAP}: one that can never be sent is retried rarely and blocks nobody,
 * unless the table keeps a key's records in order ({@link Outbox#orderColumn()}): then it
 * holds back the later records of its key, and only those.
 * <p>
 * The table has {@code id}, {@code task_id}, {@code payload}, {@code published_at},
 * {@code publish_attempts} and {@code publish_due_at}; each record carries its task's
 * trace context as its {@code traceparent} header, as the task's request did.
 */
public class TableRelay {

	private final Logger logger = LoggerFactory.getLogger(getClass());

	/** The longest a refused row waits before its next try. */
	public static final Duration RETRY_CAP = Duration.ofSeconds(30);

	private final Outbox outbox;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final BatchPublisher publisher;

	private final RelaySettings settings;

	private final RelayLoop loop;

	private final Counter published;

	protected TableRelay(Outbox outbox, JdbcClient jdbc, TransactionTemplate transactions, BatchPublisher publisher,
			RelaySettings settings, MeterRegistry meters) {
		this.outbox = outbox;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.publisher = publisher;
		this.settings = settings;
		this.published = Counter.builder(outbox.publishedMeter())
			.description(outbox.publishedDescription())
			.register(meters);
		this.loop = new RelayLoop(outbox.loopName(), this::relayPending, settings.pollInterval(),
				settings.maxBackoff());
	}

	/** The background loop; a bean of its own so the context starts and stops it. */
	public RelayLoop loop() {
		return this.loop;
	}

	/** Asks the relay to publish now, typically right after rows were committed. */
	public void wakeUp() {
		this.loop.wakeUp();
	}

	/** Rows not yet acknowledged by the broker: the table's backlog. */
	public long countUnpublished() {
		return this.jdbc.sql("select count(*) from %s where published_at is null".formatted(this.outbox.table()))
			.query(Long.class)
			.single();
	}

	/**
	 * One round: claim unpublished rows, publish them, mark the acknowledged ones.
	 * @return how many were published
	 */
	public int relayPending() {
		Integer count = this.transactions.execute((status) -> {
			List<PendingRow> pending = this.jdbc.sql("""
					select o.id, %s as record_key, o.payload, t.trace_parent
					from %s o
					left join moderation_results t on t.id = o.task_id
					where o.published_at is null and o.publish_due_at <= now()%s
					order by o.publish_due_at, o.id
					limit :limit
					for update of o skip locked
					""".formatted(this.outbox.keyExpression(), this.outbox.table(), inOrderOf(this.outbox)))
				.param("limit", this.settings.batchSize())
				.query((rs, row) -> new PendingRow(rs.getLong("id"), rs.getString("record_key"),
						rs.getString("payload"), rs.getString("trace_parent")))
				.list();
			if (pending.isEmpty()) {
				return 0;
			}
			List<OutgoingRecord> records = pending.stream()
				.map((row) -> new OutgoingRecord(this.outbox.topic(), row.key(), row.payload(), row.traceParent()))
				.toList();
			boolean[] acknowledged = this.publisher.publish(records, this.settings.sendTimeout());
			List<Long> publishedIds = new ArrayList<>(pending.size());
			List<Long> refusedIds = new ArrayList<>();
			for (int i = 0; i < pending.size(); i++) {
				(acknowledged[i] ? publishedIds : refusedIds).add(pending.get(i).id());
			}
			if (!publishedIds.isEmpty()) {
				this.jdbc.sql("update %s set published_at = now() where id = any(:ids)".formatted(this.outbox.table()))
					.param("ids", publishedIds.toArray(Long[]::new))
					.update();
			}
			if (!refusedIds.isEmpty()) {
				this.jdbc
					.sql("""
							update %s
							set publish_attempts = publish_attempts + 1,
							    publish_due_at = clock_timestamp() + least(interval '1 second' * power(2, least(publish_attempts, 20)),
							                                               :cap * interval '1 second')
							where id = any(:ids)
							"""
						.formatted(this.outbox.table()))
					.param("ids", refusedIds.toArray(Long[]::new))
					.param("cap", RETRY_CAP.toSeconds())
					.update();
				this.logger
					.warn("Kafka did not acknowledge {} of {} records for {}; they stay queued and are tried again "
							+ "later", refusedIds.size(), pending.size(), this.outbox.topic());
			}
			return publishedIds.size();
		});
		int relayed = (count != null) ? count : 0;
		// Counted once committed: a round that rolls back is published again and counted
		// then.
		this.published.increment(relayed);
		return relayed;
	}

	/**
	 * The condition that keeps a key's records in order, across rounds and replicas: a
	 * row waits while an earlier one of its key is unpublished, claimed by another relay
	 * or refused and waiting for its retry. Locked rows stay visible to it.
	 */
	private static String inOrderOf(Outbox outbox) {
		if (outbox.orderColumn() == null) {
			return "";
		}
		return """

				and not exists (select 1 from %s p
				                where p.%s = o.%s and p.published_at is null and p.id < o.id)"""
			.formatted(outbox.table(), outbox.orderColumn(), outbox.orderColumn());
	}

	/**
	 * An outbox table and where its rows go.
	 *
	 * @param loopName the relay thread's name
	 * @param table the table, a fixed name of the schema
	 * @param topic the topic its rows go to
	 * @param keyExpression the SQL expression over the row {@code o} that is a record's
	 * key
	 * @param orderColumn the column whose rows are published in the order they were
	 * written, one at a time for each value, so that what a key's consumer reads is in
	 * order; null when the order does not matter
	 * @param publishedMeter the counter of records the broker acknowledged
	 */
	public record Outbox(String loopName, String table, String topic, String keyExpression,
			@Nullable String orderColumn, String publishedMeter, String publishedDescription) {

	}

	private record PendingRow(long id, @Nullable String key, String payload, @Nullable String traceParent) {

	}

}
