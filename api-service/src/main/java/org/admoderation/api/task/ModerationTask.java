package org.admoderation.api.task;

import java.time.Instant;

import org.admoderation.common.messaging.TaskStatus;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code moderation_results} as the API reads it.
 */
public record ModerationTask(long id, long itemId, TaskStatus status, @Nullable Boolean violation,
		@Nullable Double probability, @Nullable String errorMessage, @Nullable String modelVersion, int attempts,
		Instant createdAt, @Nullable Instant processedAt) {

}
