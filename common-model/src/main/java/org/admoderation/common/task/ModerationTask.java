package org.admoderation.common.task;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A row of {@code moderation_results} as the API reads it.
 *
 * @param decision approve, review or reject; null while pending, when failed, and for
 * tasks scored before models had policies
 * @param reasons the verdict's reasons as stored (a JSON array), or null
 */
public record ModerationTask(long id, long itemId, TaskStatus status, @Nullable Boolean violation,
		@Nullable Double probability, @Nullable String errorMessage, @Nullable String modelVersion, int attempts,
		Instant createdAt, @Nullable Instant processedAt, @Nullable String decision, @Nullable String reasons) {

}
