package org.admoderation.api.webhook;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A line of an endpoint's delivery log: one result event and what became of sending it.
 *
 * @param nextAttemptAt while pending, when it is sent next (or, while a send is open,
 * when it is sent again should that send never end)
 * @param attemptLog each send, oldest first; in the answer about one delivery only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookDelivery(@JsonProperty("id") long id, @JsonProperty("event_id") long eventId,
		@JsonProperty("task_id") long taskId, @JsonProperty("sequence") int sequence, @Schema(allowableValues = {
				"pending", "delivered", "failed" },
				description = "failed: retried for moderation.webhooks.give-up-after without a 2xx answer; "
						+ "a redeliver starts it again") @JsonProperty("state") String state,
		@JsonProperty("attempts") int attempts, @JsonProperty("created_at") Instant createdAt,
		@JsonProperty("next_attempt_at") @Nullable Instant nextAttemptAt,
		@JsonProperty("delivered_at") @Nullable Instant deliveredAt,
		@JsonProperty("last_attempt_at") @Nullable Instant lastAttemptAt,
		@JsonProperty("last_status_code") @Nullable Integer lastStatusCode,
		@JsonProperty("last_error") @Nullable String lastError,
		@JsonProperty("attempt_log") @Nullable List<Attempt> attemptLog){

	WebhookDelivery withAttempts(List<Attempt> attempts) {
		return new WebhookDelivery(this.id, this.eventId, this.taskId, this.sequence, this.state, this.attempts,
				this.createdAt, this.nextAttemptAt, this.deliveredAt, this.lastAttemptAt, this.lastStatusCode,
				this.lastError, attempts);
	}

	/**
	 * One send.
	 *
	 * @param statusCode the receiver's answer; null when there was none
	 * @param error why it failed, when it did
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Attempt(@JsonProperty("attempt") int attempt, @JsonProperty("attempted_at") Instant attemptedAt,
			@JsonProperty("duration_ms") int durationMs, @JsonProperty("status_code") @Nullable Integer statusCode,
			@JsonProperty("error") @Nullable String error) {

	}

}
