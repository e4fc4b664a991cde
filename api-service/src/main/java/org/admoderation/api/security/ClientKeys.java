package org.admoderation.api.security;

import java.util.List;
import java.util.regex.Pattern;

import org.admoderation.common.security.IssuedKey;
import org.admoderation.common.security.KeyHolder;
import org.admoderation.common.security.KeySource;
import org.admoderation.common.security.Role;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public API's keys ({@code moderation.api.*}), of {@link Role#CLIENT}.
 *
 * @param keys the keys clients may send in {@code X-API-Key}
 * ({@code MODERATION_API_KEYS}, comma-separated, so that a new key can be rolled out
 * before the old one is withdrawn); an entry {@code client:key} names the client the key
 * belongs to, and its {@code Idempotency-Key}s are its own, across its keys; empty (the
 * default) leaves the public API open, as the seed's was
 */
@ConfigurationProperties("moderation.api")
public record ClientKeys(@DefaultValue List<String> keys) implements KeySource {

	private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	@Override
	public List<IssuedKey> issuedKeys() {
		return this.keys.stream().map(String::strip).filter((entry) -> !entry.isEmpty()).map((entry) -> {
			int colon = entry.indexOf(':');
			if (colon > 0 && colon < entry.length() - 1 && CLIENT_NAME.matcher(entry.substring(0, colon)).matches()) {
				return new IssuedKey(new KeyHolder(entry.substring(0, colon), Role.CLIENT),
						entry.substring(colon + 1).strip());
			}
			return new IssuedKey(new KeyHolder(null, Role.CLIENT), entry);
		}).toList();
	}

	@Override
	public String toString() {
		return "ClientKeys" + issuedKeys();
	}

}
