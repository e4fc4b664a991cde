package org.admoderation.common.results;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.admoderation.common.relay.RelaySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How result events are relayed to {@code moderation_results}
 * ({@code moderation.result-events.*}). A commit wakes the relay at once; the poll is the
 * fallback.
 *
 * @param batchSize events claimed per round
 * @param pollInterval how often the relay looks when nobody wakes it
 * @param sendTimeout how long a round waits for the broker's acknowledgements
 * @param maxBackoff the longest pause after consecutive failures
 */
@Validated
@ConfigurationProperties("moderation.result-events")
public record ResultEventProperties(@DefaultValue("500") @Min(1) int batchSize,
		@DefaultValue("1s") @NotNull Duration pollInterval, @DefaultValue("10s") @NotNull Duration sendTimeout,
		@DefaultValue("10s") @NotNull Duration maxBackoff) implements RelaySettings {

}
