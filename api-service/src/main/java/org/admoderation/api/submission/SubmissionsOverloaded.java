package org.admoderation.api.submission;

import org.admoderation.api.web.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Too many requests are waiting for their task to be written, or the API is shutting
 * down: the client should retry shortly (503 with Retry-After). Nothing was written.
 */
public class SubmissionsOverloaded extends ApiProblem {

	private static final String RETRY_AFTER_SECONDS = "1";

	/**
	 * @param reason why, for the logs: the client reads only that it should retry
	 */
	public SubmissionsOverloaded(String reason) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "Too many submissions",
				"The API is not taking more requests right now; nothing was written, retry shortly", reason);
		getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
	}

}
