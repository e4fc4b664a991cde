package org.admoderation.api.submission;

/**
 * Too many requests are waiting for their task to be written, or the API is shutting
 * down: the client should retry shortly (503 with Retry-After). Nothing was written.
 */
public class SubmissionsOverloaded extends RuntimeException {

	public SubmissionsOverloaded(String message) {
		super(message);
	}

}
