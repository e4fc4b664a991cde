package org.admoderation.common.access;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTests {

	@Test
	void aKeyMatchesOnlyItselfExactly() {
		List<String> keys = List.of("alpha-key", "beta-key");

		assertThat(ApiKeys.matchesAny(keys, "beta-key")).isTrue();
		assertThat(ApiKeys.matchesAny(keys, "beta-ke")).isFalse();
		assertThat(ApiKeys.matchesAny(keys, "beta-key ")).isFalse();
		assertThat(ApiKeys.matchesAny(keys, null)).isFalse();
	}

	@Test
	void noKeysOrAnEmptyKeyAcceptNothing() {
		assertThat(ApiKeys.matchesAny(List.of(), "anything")).isFalse();
		assertThat(ApiKeys.matchesAny(List.of(""), "")).isFalse();
		assertThat(ApiKeys.matchesAny(List.of(""), null)).isFalse();
	}

	@Test
	void indexOfSaysWhichKeyMatched() {
		List<String> keys = List.of("alpha-key", "beta-key");

		assertThat(ApiKeys.indexOf(keys, "beta-key")).isEqualTo(1);
		assertThat(ApiKeys.indexOf(keys, "alpha-key")).isZero();
		assertThat(ApiKeys.indexOf(keys, "gamma-key")).isEqualTo(-1);
		assertThat(ApiKeys.indexOf(keys, null)).isEqualTo(-1);
	}

}
