/**
 * Human review: the queue of items waiting for a person
 * ({@link org.admoderation.common.review.ReviewQueue}, the one class that writes
 * {@code review_queue}), its settings, and the policy codes a reviewer may give as a
 * reason. The worker enqueues; the API's review module claims and decides.
 */
@NullMarked
package org.admoderation.common.review;

import org.jspecify.annotations.NullMarked;
