package org.admoderation.common.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * Comparing a presented key with the configured ones without leaking how close it came.
 */
public final class ApiKeys {

	private ApiKeys() {
	}

	/**
	 * Whether {@code presented} equals one of {@code accepted}. Every key is compared, in
	 * constant time for its length, so the answer takes as long for a near miss as for
	 * garbage and does not say which key matched.
	 */
	public static boolean matchesAny(Collection<String> accepted, @Nullable String presented) {
		byte[] given = (presented != null) ? presented.getBytes(StandardCharsets.UTF_8) : new byte[0];
		boolean matched = false;
		for (String key : accepted) {
			matched |= !key.isEmpty() && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), given);
		}
		return matched;
	}

}
