package org.admoderation.common.deadletter;

import java.time.Clock;
import java.util.Collection;

import org.admoderation.common.messaging.DeadLetter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records a {@code moderation_dlq} record in the {@code dead_letters} table, inside the
 * caller's transaction: the record exists if and only if the failure was committed, and
 * the worker's dead-letter relay publishes it even when the DLQ topic is unavailable at
 * that moment.
 */
public class DeadLetterOutbox {

	/** The longest record key a dead letter keeps. */
	static final int MAX_KEY_CHARS = 256;

	/**
	 * The longest dead letter kept whole: with JSON's escapes (six characters for a
	 * control character) it stays far below the broker's 1 MB record limit.
	 */
	static final int MAX_PAYLOAD_CHARS = 100_000;

	/** What is kept of a longer record's value. */
	static final int KEPT_MESSAGE_CHARS = 10_000;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	public DeadLetterOutbox(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Adds the dead letter of a failed task; a task has at most one that was not
	 * redriven.
	 * @param taskId the failed task (also the record's key)
	 * @param originalMessage the message as received, or as it was sent
	 * @param error why it could not be moderated
	 * @param retryCount processing attempts made
	 * @return whether a dead letter was added (false if the task already had one)
	 */
	public boolean addForTask(long taskId, JsonNode originalMessage, String error, int retryCount) {
		return this.jdbc.sql("""
				insert into dead_letters (task_id, record_key, payload) values (:taskId, :key, :payload)
				on conflict (task_id) where task_id is not null and redriven_at is null do nothing
				""")
			.param("taskId", taskId)
			.param("key", Long.toString(taskId))
			.param("payload", payload(originalMessage, error, retryCount))
			.update() == 1;
	}

	/**
	 * Adds the dead letter of a record that names no task it could fail (malformed,
	 * unknown task); a record, identified by where it was read, is dead-lettered at most
	 * once.
	 * @param key the record's own key
	 * @param source where it was read: {@code topic-partition@offset timestamp}
	 * @param originalMessage the message as received (JSON, or a text node with the raw
	 * value)
	 * @param error why nobody can act on it
	 * @return whether a dead letter was added (false if this record already had one)
	 */
	public boolean addForRecord(@Nullable String key, String source, JsonNode originalMessage, String error) {
		String payload = payload(originalMessage, error, 1);
		if (payload.length() > MAX_PAYLOAD_CHARS) {
			String raw = originalMessage.isString() ? originalMessage.asString() : originalMessage.toString();
			payload = payload(StringNode.valueOf(raw.substring(0, Math.min(raw.length(), KEPT_MESSAGE_CHARS))),
					error + " (original message cut to its first " + KEPT_MESSAGE_CHARS + " of " + raw.length()
							+ " characters)",
					1);
		}
		return this.jdbc.sql("""
				insert into dead_letters (record_key, source, payload) values (:key, :source, :payload)
				on conflict (source) where source is not null do nothing
				""").param("key", storableKey(key)).param("source", source).param("payload", payload).update() == 1;
	}

	/**
	 * A record's key as a dead letter can carry it: PostgreSQL's text holds no NUL
	 * character (it stands in U+FFFD's place), and the key goes back to the broker with
	 * the letter, so it is cut to {@value #MAX_KEY_CHARS} characters.
	 */
	static @Nullable String storableKey(@Nullable String key) {
		if (key == null) {
			return null;
		}
		String storable = key.replace('\u0000', '\uFFFD');
		if (storable.length() > MAX_KEY_CHARS) {
			int end = Character.isHighSurrogate(storable.charAt(MAX_KEY_CHARS - 1)) ? MAX_KEY_CHARS - 1 : MAX_KEY_CHARS;
			storable = storable.substring(0, end);
		}
		return storable;
	}

	private String payload(JsonNode originalMessage, String error, int retryCount) {
		return this.json
			.writeValueAsString(new DeadLetter(originalMessage, error, this.clock.instant(), Math.max(retryCount, 1)));
	}

	/**
	 * Marks the dead letters of these redriven tasks: a task may fail again, and then
	 * gets a dead letter of its own.
	 */
	public void markRedriven(Collection<Long> taskIds) {
		if (taskIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("update dead_letters set redriven_at = now() where task_id = any(:ids) and redriven_at is null")
			.param("ids", taskIds.toArray(Long[]::new))
			.update();
	}

	/** Dead letters not yet published to {@code moderation_dlq}. */
	public long countUnpublished() {
		return this.jdbc.sql("select count(*) from dead_letters where published_at is null").query(Long.class).single();
	}

}
