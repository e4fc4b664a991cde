package org.admoderation.common.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

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
	public static boolean matchesAny(List<String> accepted, @Nullable String presented) {
		return indexOf(accepted, presented) >= 0;
	}

	/**
	 * Which of {@code accepted} {@code presented} equals, comparing every key as
	 * {@link #matchesAny} does.
	 * @return its index, or -1
	 */
	public static int indexOf(List<String> accepted, @Nullable String presented) {
		byte[] given = (presented != null) ? presented.getBytes(StandardCharsets.UTF_8) : new byte[0];
		int matched = -1;
		for (int i = 0; i < accepted.size(); i++) {
			String key = accepted.get(i);
			if (!key.isEmpty() && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), given)) {
				matched = i;
			}
		}
		return matched;
	}

}
