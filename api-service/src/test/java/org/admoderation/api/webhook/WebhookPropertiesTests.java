package org.admoderation.api.webhook;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry schedule: doubling from the first retry, capped, never overflowing. */
class WebhookPropertiesTests {

	private final WebhookProperties defaults = new WebhookProperties(true, Duration.ofMillis(250),
			Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofHours(1),
			Duration.ofHours(24), 4, Duration.ofHours(24), Duration.ofDays(30));

	@Test
	void theWaitDoublesFromTheFirstRetryUpToTheCap() {
		assertThat(this.defaults.retryAfter(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.defaults.retryAfter(2)).isEqualTo(Duration.ofSeconds(20));
		assertThat(this.defaults.retryAfter(3)).isEqualTo(Duration.ofSeconds(40));
		assertThat(this.defaults.retryAfter(9)).isEqualTo(Duration.ofSeconds(2560));
		assertThat(this.defaults.retryAfter(10)).isEqualTo(Duration.ofHours(1));
		assertThat(this.defaults.retryAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void aClaimedDeliveryIsLeftToItsSenderPastBothTimeouts() {
		assertThat(this.defaults.lease()).isGreaterThan(Duration.ofSeconds(15));
	}

}
