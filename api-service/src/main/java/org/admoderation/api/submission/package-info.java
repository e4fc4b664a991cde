/**
 * {@code POST /async_predict}, by query parameter or JSON body: check the ad exists,
 * create the pending task and its outbox row in one transaction, honour
 * {@code Idempotency-Key}, and refuse with 503 when the backlog is too deep.
 */
@NullMarked
package org.admoderation.api.submission;

import org.jspecify.annotations.NullMarked;
