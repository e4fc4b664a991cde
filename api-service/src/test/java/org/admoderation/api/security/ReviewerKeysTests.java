package org.admoderation.api.security;

import java.util.List;

import org.admoderation.common.security.KeyHolder;
import org.admoderation.common.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReviewerKeysTests {

	@Test
	void eachReviewerKeyNamesItsReviewer() {
		ReviewerKeys keys = new ReviewerKeys(List.of(" alice:key-one ", "bob.k:key-two", ""));

		assertThat(keys.issuedKeys()).extracting((key) -> key.holder())
			.containsExactly(new KeyHolder("alice", Role.REVIEWER), new KeyHolder("bob.k", Role.REVIEWER));
		assertThat(keys.toString()).doesNotContain("key-one").doesNotContain("key-two");
	}

	@ParameterizedTest
	@ValueSource(strings = { "key-without-a-name", "alice:", ":key", "al ice:key", "alice: " })
	void aKeyWithoutAUsableNameIsRefusedAtStartUp(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReviewerKeys(List.of(entry)))
			.withMessageContaining("name:key")
			.withMessageNotContaining("key-without-a-name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "model", "operator", "Operator", "metrics" })
	void aNameThatAlreadyMeansSomeoneIsRefused(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReviewerKeys(List.of(name + ":some-key")))
			.withMessageContaining("may not be called");
	}

}
