package org.admoderation.api.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A person's verdict on a moderation result.
 */
@Schema(requiredProperties = "verdict")
record ReviewRequest(@Schema(allowableValues = {
		"approve", "reject" }, example = "reject") @JsonProperty("verdict") @Nullable String verdict,
		@Schema(description = "The policy behind the verdict: required to reject, optional to approve",
				example = "contacts_in_text",
				allowableValues = { "contacts_in_text", "external_link", "off_platform_payment", "prohibited_goods",
						"spam", "suspicious_price",
						"thin_listing" }) @JsonProperty("reason_code") @Nullable String reasonCode,
		@Schema(description = "Free text for the audit trail, at most 2000 characters",
				maxLength = 2000) @JsonProperty("note") @Nullable String note){

}
