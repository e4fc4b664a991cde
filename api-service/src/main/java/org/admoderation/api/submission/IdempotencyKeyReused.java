package org.admoderation.api.submission;

import org.admoderation.api.web.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * An {@code Idempotency-Key} that already stands for a request about another
 * advertisement: the client reused a key, so replaying would answer the wrong question
 * (422). Nothing was written.
 */
public class IdempotencyKeyReused extends ApiProblem {

	public IdempotencyKeyReused(long originalItemId, long requestedItemId) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", "This Idempotency-Key was used for item_id "
				+ originalItemId + ", not " + requestedItemId + "; use a new key for a new request");
	}

}
