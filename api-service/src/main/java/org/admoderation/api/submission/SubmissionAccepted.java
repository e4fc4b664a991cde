package org.admoderation.api.submission;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seed's 202 body: {@code {"task_id": 1, "status": "pending", "message": "Moderation
 * request accepted"}}.
 */
record SubmissionAccepted(@JsonProperty("task_id") long taskId, @JsonProperty("status") String status,
		@JsonProperty("message") String message) {

	static SubmissionAccepted pending(long taskId) {
		return new SubmissionAccepted(taskId, "pending", "Moderation request accepted");
	}

}
