package org.admoderation.common.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operators' credentials ({@code moderation.admin.*}), each empty by default, which
 * keeps what it opens closed.
 *
 * @param apiKey the admin key ({@code MODERATION_ADMIN_API_KEY}): {@link Role#OPERATOR}
 * @param metricsKey a read-only key for the metrics alone
 * ({@code MODERATION_METRICS_API_KEY}): {@link Role#METRICS}, what a Prometheus server
 * holds
 */
@ConfigurationProperties("moderation.admin")
public record OperatorKeys(@DefaultValue("") String apiKey, @DefaultValue("") String metricsKey) implements KeySource {

	/** Stripped, as a key read from a file or a Secret often ends in a newline. */
	public OperatorKeys {
		apiKey = apiKey.strip();
		metricsKey = metricsKey.strip();
	}

	@Override
	public List<IssuedKey> issuedKeys() {
		List<IssuedKey> keys = new ArrayList<>();
		if (!this.apiKey.isEmpty()) {
			keys.add(new IssuedKey(new KeyHolder("operator", Role.OPERATOR), this.apiKey));
		}
		if (!this.metricsKey.isEmpty()) {
			keys.add(new IssuedKey(new KeyHolder("metrics", Role.METRICS), this.metricsKey));
		}
		return keys;
	}

	@Override
	public String toString() {
		return "OperatorKeys[admin " + (this.apiKey.isEmpty() ? "not set" : "set") + ", metrics "
				+ (this.metricsKey.isEmpty() ? "not set" : "set") + "]";
	}

}
