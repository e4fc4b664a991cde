package org.admoderation.common.access;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operators' credentials ({@code moderation.admin.*}), each empty by default, which
 * keeps what it opens closed.
 *
 * @param apiKey the admin key ({@code MODERATION_ADMIN_API_KEY}): the API's admin
 * endpoints (redrive) and every actuator endpoint other than health
 * @param metricsKey a read-only key for the metrics alone
 * ({@code MODERATION_METRICS_API_KEY}): what a Prometheus server holds, so that a leaked
 * scrape configuration redrives nothing
 */
@ConfigurationProperties("moderation.admin")
public record OperatorKeys(@DefaultValue("") String apiKey, @DefaultValue("") String metricsKey) {

	/**
	 * Stripped, as a key read from a file or a Secret often ends in a newline; and never
	 * the same key twice, which would hand the admin key to whoever holds the metrics
	 * key.
	 */
	public OperatorKeys {
		apiKey = apiKey.strip();
		metricsKey = metricsKey.strip();
		if (!apiKey.isEmpty() && apiKey.equals(metricsKey)) {
			throw new IllegalArgumentException(
					"MODERATION_METRICS_API_KEY must differ from MODERATION_ADMIN_API_KEY: it is the read-only one");
		}
	}

	/** Whether an admin key is configured, that is whether admin operations exist. */
	public boolean adminEnabled() {
		return !this.apiKey.isBlank();
	}

	/** Whether {@code presented} is the admin key, compared in constant time. */
	public boolean acceptsAdmin(@Nullable String presented) {
		return adminEnabled() && ApiKeys.matchesAny(List.of(this.apiKey), presented);
	}

	/** Whether the metrics can be read at all: with the metrics key or the admin key. */
	public boolean metricsEnabled() {
		return adminEnabled() || !this.metricsKey.isBlank();
	}

	/** Whether {@code presented} is the metrics key or the admin key. */
	public boolean acceptsForMetrics(@Nullable String presented) {
		return ApiKeys.matchesAny(
				List.of(this.apiKey, this.metricsKey).stream().filter((key) -> !key.isBlank()).toList(), presented);
	}

	@Override
	public String toString() {
		return "OperatorKeys[admin " + (adminEnabled() ? "set" : "not set") + ", metrics "
				+ (this.metricsKey.isBlank() ? "not set" : "set") + "]";
	}

}
