package org.admoderation.api.access;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access to the public endpoints ({@code moderation.api.*}).
 *
 * @param keys the keys clients may send in {@code X-API-Key}
 * ({@code MODERATION_API_KEYS}, comma-separated, so that a new key can be rolled out
 * before the old one is withdrawn); an entry {@code client:key} names the client the key
 * belongs to, and its {@code Idempotency-Key}s are its own, across its keys; empty (the
 * default) leaves the public API open, as the seed's was
 */
@ConfigurationProperties("moderation.api")
public record PublicApiProperties(@DefaultValue List<String> keys) {

	private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	public List<ClientKey> clientKeys() {
		return this.keys.stream().map(String::strip).filter((entry) -> !entry.isEmpty()).map((entry) -> {
			int colon = entry.indexOf(':');
			if (colon > 0 && colon < entry.length() - 1 && CLIENT_NAME.matcher(entry.substring(0, colon)).matches()) {
				return new ClientKey(entry.substring(0, colon), entry.substring(colon + 1).strip());
			}
			return new ClientKey(null, entry);
		}).toList();
	}

	/**
	 * A key, and the client it belongs to.
	 *
	 * @param client the client's name; null for a key configured without one
	 */
	public record ClientKey(@Nullable String client, String key) {

		@Override
		public String toString() {
			return "ClientKey[" + ((this.client != null) ? this.client : "unnamed") + "]";
		}

	}

}
