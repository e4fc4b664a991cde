package org.admoderation.api.webhook;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Which URLs an operator may register: absolute http(s), nothing that hides or leaks. */
class WebhookEndpointsTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://listings.example.com/hooks/moderation", "http://listing-service:8080/hook",
			"HTTPS://example.com", "https://[::1]:8443/hook?source=moderation" })
	void anAbsoluteHttpUrlIsTaken(String url) {
		assertThat(WebhookEndpoints.requireUrl(url)).hasToString(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/hooks", "example.com/hook", "ftp://example.com/hook", "file:///etc/passwd",
			"javascript:alert(1)", "https://user:password@example.com/hook", "https://example.com/hook#part",
			"https:///hook", "https://exa mple.com/", "gopher://example.com:70/" })
	void anythingElseIsRefused(String url) {
		assertThatExceptionOfType(InvalidWebhook.class).isThrownBy(() -> WebhookEndpoints.requireUrl(url));
	}

	@ParameterizedTest
	@ValueSource(ints = { 2049, 10_000 })
	void aUrlOver2048CharactersIsRefused(int length) {
		String url = "https://example.com/" + "a".repeat(length - "https://example.com/".length());
		assertThatExceptionOfType(InvalidWebhook.class).isThrownBy(() -> WebhookEndpoints.requireUrl(url))
			.withMessageContaining("2048");
	}

}
