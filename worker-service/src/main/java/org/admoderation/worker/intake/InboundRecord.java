package org.admoderation.worker.intake;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A record read from {@code moderation}, parsed: a request for a task, or a malformed
 * record that goes straight to the dead-letter topic.
 */
public sealed interface InboundRecord {

	/** The message as received, for the dead letter's {@code original_message}. */
	JsonNode original();

	/** The record's key as received. */
	@Nullable String key();

	/** Where it was read: {@code topic-partition@offset}. */
	String source();

	/**
	 * A well-formed request to moderate task {@code taskId} for advertisement
	 * {@code itemId}.
	 */
	record Request(long taskId, long itemId, JsonNode original, @Nullable String key,
			String source) implements InboundRecord {

	}

	/** A record nobody can act on, and why. */
	record Malformed(String reason, JsonNode original, @Nullable String key, String source) implements InboundRecord {

	}

}
