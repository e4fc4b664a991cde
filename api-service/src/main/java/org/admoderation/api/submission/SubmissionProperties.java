package org.admoderation.api.submission;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How accepted requests become task rows ({@code moderation.submission.*}).
 *
 * @param writers threads inserting tasks; each inserts everything queued when it comes
 * round, so batches grow with the load by themselves
 * @param maxBatchSize most tasks in one insert
 * @param queueCapacity requests waiting for a writer at most; beyond it the API answers
 * 503 with Retry-After instead of piling up threads and memory
 * @param timeout how long a request waits for its task to be committed before answering
 * 503
 * @param idempotencyWindow how long an {@code Idempotency-Key} stands for its task: a
 * retry with the key within it gets that task, after it the key is free again
 */
@Validated
@ConfigurationProperties("moderation.submission")
public record SubmissionProperties(@DefaultValue("2") @Min(1) int writers,
		@DefaultValue("256") @Min(1) int maxBatchSize, @DefaultValue("4096") @Min(1) int queueCapacity,
		@DefaultValue("10s") @NotNull Duration timeout, @DefaultValue("24h") @NotNull Duration idempotencyWindow) {

}
