package org.admoderation.common.task;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A row of {@code moderation_results} as the API reads it.
 *
 * @param decision approve, review or reject; null while pending, when failed, and for
 * tasks scored before models had policies
 * @param reasons the verdict's reasons as stored (a JSON array), or null
 * @param modelDecision the model's own decision, which a reviewer's may have replaced
 * @param decidedBy the reviewer or operator whose verdict {@code decision} is; null while
 * the model's stands
 * @param reviewedAt when that person decided
 */
public record ModerationTask(long id, long itemId, TaskStatus status, @Nullable Boolean violation,
		@Nullable Double probability, @Nullable String errorMessage, @Nullable String modelVersion, int attempts,
		Instant createdAt, @Nullable Instant processedAt, @Nullable String decision, @Nullable String reasons,
		@Nullable String modelDecision, @Nullable String decidedBy, @Nullable Instant reviewedAt) {

	/** Whether a person's verdict stands in place of the model's. */
	public boolean reviewed() {
		return this.decidedBy != null;
	}

}
