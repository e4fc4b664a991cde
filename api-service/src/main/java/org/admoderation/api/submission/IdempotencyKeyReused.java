package org.admoderation.api.submission;

/**
 * An {@code Idempotency-Key} that already stands for a request about another
 * advertisement: the client reused a key, so replaying would answer the wrong question
 * (422). Nothing was written.
 */
public class IdempotencyKeyReused extends RuntimeException {

	public IdempotencyKeyReused(long originalItemId, long requestedItemId) {
		super("This Idempotency-Key was used for item_id " + originalItemId + ", not " + requestedItemId
				+ "; use a new key for a new request");
	}

}
