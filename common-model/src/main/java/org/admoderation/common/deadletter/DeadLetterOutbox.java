package org.admoderation.common.deadletter;

import java.time.Clock;

import org.admoderation.common.messaging.DeadLetter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records a {@code moderation_dlq} record in the {@code dead_letters} table, inside the
 * caller's transaction: the record exists if and only if the failure was committed, and
 * the worker's dead-letter relay publishes it even when the DLQ topic is unavailable at
 * that moment.
 */
public class DeadLetterOutbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	public DeadLetterOutbox(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Adds the dead letter of a task, or of a record that named no known task.
	 * @param taskId the failed task, or null for a malformed record; a task gets at most
	 * one
	 * @param source where the original record was read ({@code topic-partition@offset}),
	 * or null; a source is dead-lettered at most once
	 * @param originalMessage the message as received (JSON, or a text node with the raw
	 * value)
	 * @param error why it could not be moderated
	 * @param retryCount processing attempts made
	 * @return whether a dead letter was added (false if the task already had one)
	 */
	public boolean add(@Nullable Long taskId, @Nullable String key, @Nullable String source, JsonNode originalMessage,
			String error, int retryCount) {
		DeadLetter deadLetter = new DeadLetter(originalMessage, error, this.clock.instant(), Math.max(retryCount, 1));
		return this.jdbc.sql("""
				insert into dead_letters (task_id, record_key, source, payload)
				values (:taskId, :key, :source, :payload)
				on conflict do nothing
				""")
			.param("taskId", taskId)
			.param("key", key)
			.param("source", source)
			.param("payload", this.json.writeValueAsString(deadLetter))
			.update() == 1;
	}

}
