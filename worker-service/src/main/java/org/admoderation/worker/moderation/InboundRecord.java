package org.admoderation.worker.moderation;

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

	/** Where it was read: {@code topic-partition@offset timestamp}. */
	String source();

	/**
	 * A well-formed request to moderate task {@code taskId} for advertisement
	 * {@code itemId}.
	 *
	 * @param traceParent the W3C trace context of the request that created the task
	 */
	record Request(long taskId, long itemId, JsonNode original, @Nullable String key, String source,
			@Nullable String traceParent) implements InboundRecord {

	}

	/**
	 * A record nobody can act on, and why.
	 *
	 * @param code the reason as a short code, for the {@code reason} tag of the rejection
	 * metric: {@link #MALFORMED}, {@link #UNKNOWN_TASK} or {@link #ITEM_MISMATCH}
	 * @param reason the reason in words, for the dead letter
	 */
	record Malformed(String code, String reason, JsonNode original, @Nullable String key,
			String source) implements InboundRecord {

		/** Not a moderation request: empty, too large, not JSON, missing fields. */
		public static final String MALFORMED = "malformed";

		/** A request for a task that does not exist. */
		public static final String UNKNOWN_TASK = "unknown_task";

		/** A request whose item is not the task's. */
		public static final String ITEM_MISMATCH = "item_mismatch";

	}

}
