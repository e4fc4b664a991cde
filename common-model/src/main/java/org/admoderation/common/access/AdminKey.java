package org.admoderation.common.access;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operators' credential ({@code moderation.admin.api-key},
 * {@code MODERATION_ADMIN_API_KEY}): it opens the admin endpoints of the API and the
 * actuator endpoints other than health in both services. Empty, the default, keeps all of
 * them closed.
 *
 * @param apiKey the key; long and random, from the environment or a secret store
 */
@ConfigurationProperties("moderation.admin")
public record AdminKey(@DefaultValue("") String apiKey) {

	/** Whether a key is configured, that is whether admin operations exist at all. */
	public boolean enabled() {
		return !this.apiKey.isBlank();
	}

	/** Whether {@code presented} is the key, compared in constant time. */
	public boolean accepts(@Nullable String presented) {
		return enabled() && ApiKeys.matchesAny(List.of(this.apiKey), presented);
	}

	@Override
	public String toString() {
		return "AdminKey[" + (enabled() ? "set" : "not set") + "]";
	}

}
