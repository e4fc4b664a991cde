package org.admoderation.api.access;

/**
 * The public API requires a key ({@code MODERATION_API_KEYS} is set) and the request had
 * none, or a wrong one (401).
 */
public class ApiKeyRequired extends RuntimeException {

	public ApiKeyRequired() {
		super("A valid " + PublicApiKeyInterceptor.HEADER + " header is required");
	}

}
