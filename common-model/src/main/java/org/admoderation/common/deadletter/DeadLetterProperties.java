package org.admoderation.common.deadletter;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.admoderation.common.relay.RelaySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How dead letters are relayed to {@code moderation_dlq}
 * ({@code moderation.dead-letters.*}).
 *
 * @param batchSize dead letters claimed per round
 * @param pollInterval how often the relay looks when nobody wakes it
 * @param sendTimeout how long a round waits for the broker's acknowledgements
 * @param maxBackoff the longest pause after consecutive failures
 */
@Validated
@ConfigurationProperties("moderation.dead-letters")
public record DeadLetterProperties(@DefaultValue("200") @Min(1) int batchSize,
		@DefaultValue("1s") @NotNull Duration pollInterval, @DefaultValue("10s") @NotNull Duration sendTimeout,
		@DefaultValue("10s") @NotNull Duration maxBackoff) implements RelaySettings {

}
