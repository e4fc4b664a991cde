package org.admoderation.api.review;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One line of the labels export: a reviewed ad with the person's verdict, what
 * {@code model/train.sh --labels} reads.
 */
record Label(@JsonProperty("task_id") long taskId, @JsonProperty("item_id") long itemId,
		@JsonProperty("title") String title, @JsonProperty("description") String description,
		@JsonProperty("category") int category, @JsonProperty("price") BigDecimal price,
		@JsonProperty("images_qty") int imagesQty, @JsonProperty("seller_verified") boolean sellerVerified,
		@JsonProperty("verdict") String verdict, @Schema(types = {
				"string", "null" }) @JsonProperty("reason_code") @Nullable String reasonCode,
		@JsonProperty("reviewer") String reviewer, @JsonProperty("reviewed_at") Instant reviewedAt,
		@Schema(types = { "string", "null" }) @JsonProperty("model_decision") @Nullable String modelDecision,
		@Schema(types = { "string", "null" }) @JsonProperty("model_version") @Nullable String modelVersion){

}
