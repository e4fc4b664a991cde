package org.admoderation.common.messaging;

/**
 * Kafka topic names fixed by the external contract (docs/design.md).
 */
public final class Topics {

	/** Moderation requests: key = task id, value = {@link ModerationRequest}. */
	public static final String MODERATION = "moderation";

	/** Tasks that could not be moderated: value = {@link DeadLetter}. */
	public static final String MODERATION_DLQ = "moderation_dlq";

	private Topics() {
	}

}
