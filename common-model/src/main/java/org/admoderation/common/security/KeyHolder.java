package org.admoderation.common.security;

import org.jspecify.annotations.Nullable;

/**
 * Who presented a key: the principal of a {@link KeyAuthentication}, which a handler gets
 * with {@code @AuthenticationPrincipal}.
 *
 * @param name the holder's name: a client's (from {@code client:key}), a reviewer's,
 * {@code operator} or {@code metrics}; null for a client key configured without one
 * @param role what the key lets its holder do
 */
public record KeyHolder(@Nullable String name, Role role) {

	/** The name, or the role's for an unnamed key: what logs and audits show. */
	public String displayName() {
		return (this.name != null) ? this.name : "unnamed " + this.role.name().toLowerCase(java.util.Locale.ROOT);
	}

}
