package org.admoderation.api.web;

/**
 * A request body is larger than {@code moderation.http.max-body-size}.
 */
public class RequestBodyTooLarge extends RuntimeException {

	private final long maxBytes;

	RequestBodyTooLarge(long maxBytes) {
		super("Request bodies of at most " + maxBytes + " bytes are accepted");
		this.maxBytes = maxBytes;
	}

	long maxBytes() {
		return this.maxBytes;
	}

}
