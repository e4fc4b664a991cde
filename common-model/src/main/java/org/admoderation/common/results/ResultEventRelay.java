package org.admoderation.common.results;

import io.micrometer.core.instrument.MeterRegistry;
import org.admoderation.common.messaging.Topics;
import org.admoderation.common.metrics.ModerationMeters;
import org.admoderation.common.relay.BatchPublisher;
import org.admoderation.common.relay.TableRelay;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed result events to {@link Topics#MODERATION_RESULTS}, keyed by the
 * ad's id so that an ad's events stay in order on one partition, and marks them published
 * once the broker acknowledged them. While the topic is unavailable they wait in
 * {@code result_events}: an event arrives late but is never lost, and may arrive more
 * than once (consumers drop what their per-task sequence has passed).
 */
public class ResultEventRelay extends TableRelay {

	private static final Outbox RESULT_EVENTS = new Outbox("result-event-relay", "result_events",
			Topics.MODERATION_RESULTS, "o.item_id::text", "item_id", ModerationMeters.RESULT_EVENTS_PUBLISHED,
			"Result events the broker acknowledged on moderation_results");

	public ResultEventRelay(JdbcClient jdbc, TransactionTemplate transactions, BatchPublisher publisher,
			ResultEventProperties properties, MeterRegistry meters) {
		super(RESULT_EVENTS, jdbc, transactions, publisher, properties, meters);
	}

}
