package org.admoderation.common.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyRingTests {

	private static final KeyHolder CLIENT_A = new KeyHolder("client-a", Role.CLIENT);

	@Test
	void aKeyAuthenticatesItsHolderInItsRole() {
		KeyRing ring = KeyRing.of(List.<KeySource>of(new OperatorKeys("admin-key", "metrics-key"),
				() -> List.of(new IssuedKey(CLIENT_A, "client-key"))));

		assertThat(authenticate(ring, "client-key").getPrincipal()).isEqualTo(CLIENT_A);
		assertThat(authenticate(ring, "metrics-key").getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_METRICS");
		Authentication operator = authenticate(ring, "admin-key");
		assertThat(operator.getName()).isEqualTo("operator");
		assertThat(operator.isAuthenticated()).isTrue();
		assertThat(operator.getCredentials()).as("the key is not kept past its check").isNull();
	}

	@Test
	void aKeyMatchesOnlyItselfExactly() {
		KeyRing ring = new KeyRing(List.of(new IssuedKey(CLIENT_A, "beta-key")));

		for (String presented : new String[] { "beta-ke", "beta-key ", "BETA-KEY", "beta-keyy", "" }) {
			assertThatExceptionOfType(BadCredentialsException.class).as(presented)
				.isThrownBy(() -> authenticate(ring, presented));
		}
	}

	@Test
	void withNoKeysNothingIsGrantedAndNothingAuthenticates() {
		KeyRing ring = KeyRing.of(List.of(new OperatorKeys("", " ")));

		for (Role role : Role.values()) {
			assertThat(ring.grants(role)).as(role.name()).isFalse();
		}
		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> authenticate(ring, "anything"));
	}

	@Test
	void anOperatorKeyGrantsEveryRoleAndAMetricsKeyOnlyItsOwn() {
		KeyRing operator = KeyRing.of(List.of(new OperatorKeys("admin-key", "")));
		KeyRing metrics = KeyRing.of(List.of(new OperatorKeys("", "metrics-key")));

		assertThat(operator.grants(Role.METRICS)).isTrue();
		assertThat(operator.grants(Role.CLIENT)).isTrue();
		assertThat(operator.issues(Role.CLIENT)).as("but issues no client key").isFalse();
		assertThat(metrics.grants(Role.METRICS)).isTrue();
		assertThat(metrics.grants(Role.OPERATOR)).isFalse();
	}

	@Test
	void keysAreStrippedOfTheNewlineAFileLeaves() {
		KeyRing ring = KeyRing.of(List.of(new OperatorKeys("admin-key\n", " metrics-key\n")));

		assertThat(authenticate(ring, "admin-key").getName()).isEqualTo("operator");
		assertThat(authenticate(ring, "metrics-key").getName()).isEqualTo("metrics");
	}

	@Test
	void oneKeyIssuedTwiceIsRefusedWithoutSayingTheKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> KeyRing.of(List.of(new OperatorKeys("same-key", "same-key"))))
			.withMessageContaining("operator")
			.withMessageContaining("metrics")
			.withMessageNotContaining("same-key");
		assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.of(List
			.<KeySource>of(new OperatorKeys("same-key", ""), () -> List.of(new IssuedKey(CLIENT_A, "same-key")))));
	}

	@Test
	void toStringNamesNoKey() {
		KeyRing ring = KeyRing.of(List.<KeySource>of(new OperatorKeys("admin-key", "metrics-key"),
				() -> List.of(new IssuedKey(CLIENT_A, "client-key"))));

		assertThat(ring.toString()).contains("client-a").doesNotContain("admin-key", "metrics-key", "client-key");
		assertThat(new OperatorKeys("admin-key", "metrics-key").toString()).doesNotContain("admin-key", "metrics-key");
	}

	private static Authentication authenticate(KeyRing ring, String presented) {
		return ring.authenticate(KeyAuthentication.presented(presented));
	}

}
