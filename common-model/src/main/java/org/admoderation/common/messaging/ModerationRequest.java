package org.admoderation.common.messaging;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The value of a record on {@link Topics#MODERATION}: {@code {"task_id": 1, "item_id":
 * 123, "timestamp": "2025-01-28T12:00:00Z"}}.
 *
 * @param taskId the moderation task, also the record key
 * @param itemId the advertisement to moderate
 * @param timestamp when the task was handed to Kafka
 */
public record ModerationRequest(@JsonProperty("task_id") long taskId, @JsonProperty("item_id") long itemId,
		@JsonProperty("timestamp") Instant timestamp) {

	/**
	 * The record key: the task id as a string, so all deliveries of one task share a
	 * partition.
	 */
	public String key() {
		return Long.toString(this.taskId);
	}

}
