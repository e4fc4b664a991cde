package org.admoderation.api.webhook;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How results are delivered to webhooks ({@code moderation.webhooks.*}).
 *
 * @param enabled whether this replica sends deliveries (endpoints are managed and
 * deliveries recorded either way; any replica that sends will send them)
 * @param pollInterval how often due deliveries are looked for
 * @param connectTimeout the longest a connection to a receiver may take
 * @param requestTimeout the longest a receiver may take to answer; no answer by then is a
 * failed attempt
 * @param firstRetry the wait after a first failed attempt; each further failure doubles
 * it
 * @param maxRetryInterval the longest wait between two attempts
 * @param giveUpAfter how long a delivery is retried before it is marked failed (an
 * operator can still redeliver it)
 * @param maxInFlightPerEndpoint the most sends one endpoint has open from this replica: a
 * slow endpoint holds at most these, never the others' share
 * @param rotationOverlap how long the previous secret still signs after a rotation
 * @param logRetention how long a delivery that ended (delivered or failed) stays in the
 * log
 */
@Validated
@ConfigurationProperties("moderation.webhooks")
public record WebhookProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("250ms") @NotNull Duration pollInterval, @DefaultValue("5s") @NotNull Duration connectTimeout,
		@DefaultValue("10s") @NotNull Duration requestTimeout, @DefaultValue("10s") @NotNull Duration firstRetry,
		@DefaultValue("1h") @NotNull Duration maxRetryInterval, @DefaultValue("24h") @NotNull Duration giveUpAfter,
		@DefaultValue("4") @Min(1) @Max(64) int maxInFlightPerEndpoint,
		@DefaultValue("24h") @NotNull Duration rotationOverlap, @DefaultValue("30d") @NotNull Duration logRetention) {

	/**
	 * Every wait positive: a zero poll or retry would hammer the database or a receiver.
	 */
	public WebhookProperties {
		for (Duration duration : new Duration[] { pollInterval, connectTimeout, requestTimeout, firstRetry,
				maxRetryInterval, giveUpAfter, logRetention }) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("moderation.webhooks durations must be positive, not " + duration);
			}
		}
	}

	/**
	 * How long a claimed delivery is left to its sender before another may send it: its
	 * timeouts and a margin for recording the outcome.
	 */
	Duration lease() {
		return this.connectTimeout.plus(this.requestTimeout).plusSeconds(30);
	}

	/** The wait after the {@code attempt}-th failed attempt, before jitter. */
	Duration retryAfter(int attempt) {
		Duration wait = this.firstRetry.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 30));
		return (wait.compareTo(this.maxRetryInterval) > 0 || wait.isNegative()) ? this.maxRetryInterval : wait;
	}

}
