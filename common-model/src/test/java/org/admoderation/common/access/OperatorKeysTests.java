package org.admoderation.common.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OperatorKeysTests {

	@Test
	void withNoKeysNothingIsOpen() {
		OperatorKeys keys = new OperatorKeys("", " ");

		assertThat(keys.adminEnabled()).isFalse();
		assertThat(keys.metricsEnabled()).isFalse();
		assertThat(keys.acceptsAdmin("")).isFalse();
		assertThat(keys.acceptsForMetrics("")).isFalse();
		assertThat(keys.acceptsForMetrics(null)).isFalse();
	}

	@Test
	void theMetricsKeyReadsMetricsOnlyAndTheAdminKeyBoth() {
		OperatorKeys keys = new OperatorKeys("admin-key", "metrics-key");

		assertThat(keys.acceptsForMetrics("metrics-key")).isTrue();
		assertThat(keys.acceptsForMetrics("admin-key")).isTrue();
		assertThat(keys.acceptsAdmin("metrics-key")).isFalse();
		assertThat(keys.acceptsAdmin("admin-key")).isTrue();
	}

	@Test
	void aMetricsKeyAloneOpensTheMetricsAndNoAdminOperation() {
		OperatorKeys keys = new OperatorKeys("", "metrics-key");

		assertThat(keys.metricsEnabled()).isTrue();
		assertThat(keys.adminEnabled()).isFalse();
		assertThat(keys.acceptsAdmin("metrics-key")).isFalse();
		assertThat(keys.acceptsAdmin("")).isFalse();
	}

	@Test
	void keysAreStrippedOfTheNewlineAFileLeaves() {
		OperatorKeys keys = new OperatorKeys("admin-key\n", " metrics-key\n");

		assertThat(keys.acceptsAdmin("admin-key")).isTrue();
		assertThat(keys.acceptsForMetrics("metrics-key")).isTrue();
	}

	@Test
	void theMetricsKeyMayNotBeTheAdminKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OperatorKeys("same-key", "same-key"))
			.withMessageNotContaining("same-key");
	}

	@Test
	void toStringNamesNoKey() {
		assertThat(new OperatorKeys("admin-key", "metrics-key").toString()).doesNotContain("admin-key")
			.doesNotContain("metrics-key");
	}

}
