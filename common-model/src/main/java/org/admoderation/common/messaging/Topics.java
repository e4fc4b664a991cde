package org.admoderation.common.messaging;

/**
 * Kafka topic names fixed by the external contract (docs/design.md).
 */
public final class Topics {

	/** Moderation requests: key = task id, value = {@link ModerationRequest}. */
	public static final String MODERATION = "moderation";

	/** Tasks that could not be moderated: value = {@link DeadLetter}. */
	public static final String MODERATION_DLQ = "moderation_dlq";

	/**
	 * Decisions and failures, pushed: key = the ad's id, value = the event of
	 * {@code docs/events/moderation-result.schema.json}.
	 */
	public static final String MODERATION_RESULTS = "moderation_results";

	private Topics() {
	}

}
