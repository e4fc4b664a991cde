package org.admoderation.common.security;

/**
 * A key as configured, and whom it was issued to.
 *
 * @param holder whom it authenticates
 * @param secret the key itself, never empty
 */
public record IssuedKey(KeyHolder holder, String secret) {

	public IssuedKey {
		if (secret.isEmpty()) {
			throw new IllegalArgumentException("An issued key cannot be empty");
		}
	}

	@Override
	public String toString() {
		return "IssuedKey[" + this.holder.displayName() + ", " + this.holder.role() + "]";
	}

}
