package org.admoderation.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Every key the service accepts, and the one place a presented key is checked.
 */
public final class KeyRing implements AuthenticationProvider {

	private final List<IssuedKey> keys;

	private final List<byte[]> secrets;

	/**
	 * @throws IllegalArgumentException if one key is issued twice: to an operator and as
	 * the metrics key, say, it would hand the stronger role to whoever holds the weaker
	 */
	public KeyRing(List<IssuedKey> keys) {
		Map<String, IssuedKey> bySecret = new HashMap<>();
		for (IssuedKey key : keys) {
			IssuedKey earlier = bySecret.putIfAbsent(key.secret(), key);
			if (earlier != null) {
				throw new IllegalArgumentException("One key is issued twice, to " + earlier.holder().displayName()
						+ " (" + earlier.holder().role() + ") and to " + key.holder().displayName() + " ("
						+ key.holder().role() + "); every key must be different");
			}
		}
		this.keys = List.copyOf(keys);
		this.secrets = keys.stream().map((key) -> key.secret().getBytes(StandardCharsets.UTF_8)).toList();
	}

	public static KeyRing of(Collection<? extends KeySource> sources) {
		return new KeyRing(sources.stream().flatMap((source) -> source.issuedKeys().stream()).toList());
	}

	/**
	 * Whether some key grants {@code role}: an endpoint no key can open answers as if it
	 * did not exist, and one that needs a role nobody holds (the public API without
	 * client keys) may be open.
	 */
	public boolean grants(Role role) {
		return this.keys.stream().anyMatch((key) -> key.holder().role().includes(role));
	}

	/** Whether some key has exactly {@code role}. */
	public boolean issues(Role role) {
		return this.keys.stream().anyMatch((key) -> key.holder().role() == role);
	}

	/**
	 * The holder of {@code presented}. Every key is compared, in constant time for its
	 * length, so the answer takes as long for a near miss as for garbage and does not say
	 * which key came close.
	 */
	@Nullable KeyHolder holderOf(String presented) {
		byte[] given = presented.getBytes(StandardCharsets.UTF_8);
		KeyHolder matched = null;
		for (int i = 0; i < this.secrets.size(); i++) {
			if (MessageDigest.isEqual(this.secrets.get(i), given)) {
				matched = this.keys.get(i).holder();
			}
		}
		return matched;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String presented = ((KeyAuthentication) authentication).getCredentials();
		KeyHolder holder = (presented != null) ? holderOf(presented) : null;
		if (holder == null) {
			throw new BadCredentialsException("Unknown key");
		}
		return KeyAuthentication.authenticated(holder);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return KeyAuthentication.class.isAssignableFrom(authentication);
	}

	@Override
	public String toString() {
		return "KeyRing" + this.keys;
	}

}
