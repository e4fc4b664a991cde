package org.admoderation.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as the Standard Webhooks specification (standardwebhooks.com) defines them,
 * so a receiver can check them with its libraries or a few lines of its own (README,
 * "Webhooks"): HMAC-SHA256, keyed with the secret's base64 part after {@code whsec_},
 * over {@code id.timestamp.body}; the {@code webhook-signature} header lists one
 * {@code v1,<base64>} per secret that signs, separated by spaces, which is how a rotation
 * keeps the previous secret working for a while.
 */
final class WebhookSignature {

	static final String SECRET_PREFIX = "whsec_";

	static final String ID_HEADER = "webhook-id";

	static final String TIMESTAMP_HEADER = "webhook-timestamp";

	static final String SIGNATURE_HEADER = "webhook-signature";

	private static final int SECRET_BYTES = 32;

	private static final SecureRandom random = new SecureRandom();

	private WebhookSignature() {
	}

	/** A new secret: 256 random bits. */
	static String newSecret() {
		byte[] key = new byte[SECRET_BYTES];
		random.nextBytes(key);
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/**
	 * The {@code webhook-signature} header's value.
	 * @param secrets the secrets that sign, the current one first
	 * @param timestamp the {@code webhook-timestamp}: seconds since the epoch, when sent
	 */
	static String header(List<String> secrets, String id, long timestamp, String body) {
		return secrets.stream().map((secret) -> sign(secret, id, timestamp, body)).collect(Collectors.joining(" "));
	}

	static String sign(String secret, String id, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
			byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(signature);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

	private static byte[] key(String secret) {
		String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
		return Base64.getDecoder().decode(encoded);
	}

}
