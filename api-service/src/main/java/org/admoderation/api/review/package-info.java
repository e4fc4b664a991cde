/**
 * Human review: reviewers claim the items the model sent to review (and a sample of the
 * others) from the queue, see the ad with the model's reasons and evidence, and give the
 * final verdict, which the result then shows; the statistics, the labels export for
 * training, and the reviewer's page at {@code /review/}.
 */
@NullMarked
package org.admoderation.api.review;

import org.jspecify.annotations.NullMarked;
