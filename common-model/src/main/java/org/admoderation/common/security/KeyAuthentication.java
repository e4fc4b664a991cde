package org.admoderation.common.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A key as presented (not yet authenticated), or the holder it authenticated.
 */
public final class KeyAuthentication extends AbstractAuthenticationToken {

	private @Nullable String presented;

	private final @Nullable KeyHolder holder;

	private KeyAuthentication(@Nullable String presented, @Nullable KeyHolder holder) {
		super((holder != null) ? List.of(new SimpleGrantedAuthority(holder.role().authority())) : List.of());
		this.presented = presented;
		this.holder = holder;
		super.setAuthenticated(holder != null);
	}

	/** What a request sent, for {@link KeyRing} to check. */
	static KeyAuthentication presented(String key) {
		return new KeyAuthentication(key, null);
	}

	/** The holder of a key {@link KeyRing} accepted. */
	static KeyAuthentication authenticated(KeyHolder holder) {
		return new KeyAuthentication(null, holder);
	}

	@Override
	public @Nullable String getCredentials() {
		return this.presented;
	}

	/** The {@link KeyHolder}; null until authenticated. */
	@Override
	public @Nullable KeyHolder getPrincipal() {
		return this.holder;
	}

	@Override
	public String getName() {
		return (this.holder != null) ? this.holder.displayName() : "";
	}

	@Override
	public void setAuthenticated(boolean authenticated) {
		if (authenticated && this.holder == null) {
			throw new IllegalArgumentException("Only KeyRing authenticates a key");
		}
		super.setAuthenticated(authenticated);
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.presented = null;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
