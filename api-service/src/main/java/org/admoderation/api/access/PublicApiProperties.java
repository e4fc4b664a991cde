package org.admoderation.api.access;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access to the public endpoints ({@code moderation.api.*}).
 *
 * @param keys the keys clients may send in {@code X-API-Key}
 * ({@code MODERATION_API_KEYS}, comma-separated, so that a new key can be rolled out
 * before the old one is withdrawn); empty (the default) leaves the public API open, as
 * the seed's was
 */
@ConfigurationProperties("moderation.api")
public record PublicApiProperties(@DefaultValue List<String> keys) {

	public List<String> configuredKeys() {
		return this.keys.stream().map(String::strip).filter((key) -> !key.isEmpty()).toList();
	}

}
