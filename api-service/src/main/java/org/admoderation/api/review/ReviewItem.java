package org.admoderation.api.review;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.admoderation.api.result.ModerationResultResponse;
import org.jspecify.annotations.Nullable;

/**
 * The item a reviewer claimed: the ad as it is now, the model's result with its reasons
 * and evidence, and the lease.
 *
 * @param advertisement null when the ad was deleted after it was moderated
 */
record ReviewItem(@JsonProperty("task_id") long taskId, @Schema(
		description = "review: the model asked for a person; quality_sample: a random check of a sure " + "decision",
		allowableValues = {
				"review", "quality_sample" }) @JsonProperty("cause") String cause,
		@JsonProperty("enqueued_at") Instant enqueuedAt,
		@Schema(description = "The item is this reviewer's until then; afterwards anyone may claim it") @JsonProperty("lease_until") Instant leaseUntil,
		@Schema(types = { "object", "null" },
				description = "null when the ad was deleted after it was moderated") @JsonProperty("advertisement") @Nullable Ad advertisement,
		@Schema(description = "The result as GET /moderation_result shows it") @JsonProperty("result") ModerationResultResponse result,
		@Schema(description = "Items in the queue, this one included") @JsonProperty("queue_depth") long queueDepth){

	record Ad(@JsonProperty("id") long id, @JsonProperty("title") String title,
			@JsonProperty("description") String description, @JsonProperty("category") int category,
			@JsonProperty("price") BigDecimal price, @JsonProperty("images_qty") int imagesQty,
			@JsonProperty("seller_id") long sellerId, @JsonProperty("seller_verified") boolean sellerVerified) {

	}

}
