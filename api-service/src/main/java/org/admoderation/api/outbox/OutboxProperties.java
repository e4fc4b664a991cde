package org.admoderation.api.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How pending tasks are handed to Kafka ({@code moderation.outbox.*}).
 *
 * @param batchSize tasks claimed per relay round
 * @param pollInterval how often the relay looks for due tasks when nobody wakes it
 * @param sendTimeout how long a round waits for the broker to acknowledge its records
 * @param retryBackoff how long a task whose publish failed waits before the next try
 * @param processingTimeout how long after its first publish a still-pending task is
 * considered lost and published again; each further publish doubles the wait (up to 64
 * times), so a long queue is not flooded with copies
 * @param maxAttempts how many processing attempts (a worker took the task) a task gets:
 * when it is still pending past its timeout after that many, it ends failed
 */
@Validated
@ConfigurationProperties("moderation.outbox")
public record OutboxProperties(@DefaultValue("500") @Min(1) int batchSize,
		@DefaultValue("500ms") @NotNull Duration pollInterval, @DefaultValue("10s") @NotNull Duration sendTimeout,
		@DefaultValue("5s") @NotNull Duration retryBackoff, @DefaultValue("5m") @NotNull Duration processingTimeout,
		@DefaultValue("5") @Min(1) int maxAttempts) {

}
