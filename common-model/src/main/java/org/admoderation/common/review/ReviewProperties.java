package org.admoderation.common.review;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Human review ({@code moderation.review.*}).
 *
 * @param sampleRate the share of {@code approve} and {@code reject} decisions the worker
 * also sends to review, to measure the model against people (quality sampling), in
 * {@code [0, 1]}; every {@code review} decision goes there anyway
 * @param lease how long a claimed item stays a reviewer's before anyone may claim it
 * again
 */
@ConfigurationProperties("moderation.review")
public record ReviewProperties(@DefaultValue("0.01") double sampleRate, @DefaultValue("10m") Duration lease) {

	public ReviewProperties {
		if (!(sampleRate >= 0 && sampleRate <= 1)) {
			throw new IllegalArgumentException("moderation.review.sample-rate must be in [0, 1], not " + sampleRate);
		}
		if (lease.isNegative() || lease.isZero()) {
			throw new IllegalArgumentException("moderation.review.lease must be positive, not " + lease);
		}
	}

}
