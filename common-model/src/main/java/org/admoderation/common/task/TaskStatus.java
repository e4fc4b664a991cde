package org.admoderation.common.task;

import java.util.Locale;

/**
 * The life cycle of a moderation task: {@code pending} until exactly one terminal state.
 */
public enum TaskStatus {

	PENDING, COMPLETED, FAILED;

	/** The value stored in {@code moderation_results.status} and shown in the API. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static TaskStatus fromValue(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
