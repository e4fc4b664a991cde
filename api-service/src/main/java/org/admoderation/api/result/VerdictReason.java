package org.admoderation.api.result;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One reason of a verdict: a policy, its score and the spans of the ad that show it.
 */
@Schema(description = "A policy that weighed on the decision, strongest first")
public record VerdictReason(@Schema(description = "The policy", example = "contacts_in_text", allowableValues = {
		"contacts_in_text", "external_link", "off_platform_payment", "prohibited_goods", "spam", "suspicious_price",
		"thin_listing" }) @JsonProperty("code") String code,
		@Schema(description = "For prohibited_goods, what kind",
				example = "drugs") @JsonProperty("subtype") @JsonInclude(Include.NON_NULL) @Nullable String subtype,
		@Schema(description = "The policy's score in [0, 1]", example = "0.97") @JsonProperty("score") double score,
		@Schema(description = "Where a detector matched; empty when the score comes from the language model alone") @JsonProperty("evidence") List<Span> evidence){

	/**
	 * A span of one field of the ad; offsets count UTF-16 code units, end exclusive.
	 */
	public record Span(@Schema(example = "description", allowableValues = {
			"title", "description" }) @JsonProperty("field") String field,
			@Schema(example = "41") @JsonProperty("start") int start,
			@Schema(example = "57") @JsonProperty("end") int end,
			@Schema(example = "+7 926 111 22 33") @JsonProperty("text") String text){

	}

}
