package org.admoderation.api.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.admoderation.common.security.IssuedKey;
import org.admoderation.common.security.KeyHolder;
import org.admoderation.common.security.KeySource;
import org.admoderation.common.security.Role;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reviewers' keys ({@code moderation.reviewers.*}), of {@link Role#REVIEWER}.
 *
 * @param keys {@code name:key} entries ({@code MODERATION_REVIEWERS_KEYS},
 * comma-separated); the name is who a verdict's {@code decided_by} and the audit trail
 * show, so every key must have one; empty (the default) closes the review endpoints to
 * all but operators
 */
@ConfigurationProperties("moderation.reviewers")
public record ReviewerKeys(@DefaultValue List<String> keys) implements KeySource {

	private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]{0,63}):(.+)");

	/**
	 * Names that already mean someone: a verdict by "model" would read as the model's,
	 * and leases are held by name, so a reviewer called "operator" would share the
	 * operator's.
	 */
	static final Set<String> RESERVED_NAMES = Set.of("model", "operator", "metrics");

	public ReviewerKeys {
		keys = keys.stream().map(String::strip).filter((entry) -> !entry.isEmpty()).toList();
		for (String entry : keys) {
			if (!ENTRY.matcher(entry).matches() || entry.substring(entry.indexOf(':') + 1).isBlank()) {
				throw new IllegalArgumentException("A reviewer's key is configured as name:key, with a name of "
						+ "letters, digits, '.', '_' or '-' (a verdict shows it); one entry of "
						+ "moderation.reviewers.keys is not");
			}
			String name = entry.substring(0, entry.indexOf(':'));
			if (RESERVED_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("A reviewer may not be called '" + name + "': " + RESERVED_NAMES
						+ " already name the model, the operator and the metrics key");
			}
		}
	}

	@Override
	public List<IssuedKey> issuedKeys() {
		return this.keys.stream().map((entry) -> {
			int colon = entry.indexOf(':');
			return new IssuedKey(new KeyHolder(entry.substring(0, colon), Role.REVIEWER),
					entry.substring(colon + 1).strip());
		}).toList();
	}

	@Override
	public String toString() {
		return "ReviewerKeys" + issuedKeys();
	}

}
