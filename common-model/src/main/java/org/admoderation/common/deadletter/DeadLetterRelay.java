package org.admoderation.common.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import org.admoderation.common.messaging.Topics;
import org.admoderation.common.metrics.ModerationMeters;
import org.admoderation.common.relay.BatchPublisher;
import org.admoderation.common.relay.TableRelay;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed dead letters to {@link Topics#MODERATION_DLQ} and marks them
 * published once the broker acknowledged them. While the topic is unavailable they wait
 * in the table: a failure record arrives late but never vanishes (docs/design.md,
 * invariant 3).
 */
public class DeadLetterRelay extends TableRelay {

	private static final Outbox DEAD_LETTERS = new Outbox("dead-letter-relay", "dead_letters", Topics.MODERATION_DLQ,
			"o.record_key", null, ModerationMeters.DEAD_LETTERS_PUBLISHED,
			"Dead letters the broker acknowledged on moderation_dlq");

	public DeadLetterRelay(JdbcClient jdbc, TransactionTemplate transactions, BatchPublisher publisher,
			DeadLetterProperties properties, MeterRegistry meters) {
		super(DEAD_LETTERS, jdbc, transactions, publisher, properties, meters);
	}

}
