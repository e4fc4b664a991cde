package org.admoderation.api.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.admoderation.api.web.TextDeserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A person's verdict on a moderation result. Each field is text or absent: Jackson would
 * read {@code false} as "false". {@link ReviewApiDocs} adds what a rejection needs, and
 * the reason codes.
 */
@Schema(requiredProperties = "verdict")
record ReviewRequest(@Schema(allowableValues = {
		"approve", "reject" }, example = "reject") @JsonProperty("verdict") @JsonDeserialize(
				using = TextDeserializer.class) @Nullable String verdict,
		@Schema(description = "The policy behind the verdict: required to reject, optional to approve") @JsonProperty("reason_code") @JsonDeserialize(
				using = TextDeserializer.class) @Nullable String reasonCode,
		@Schema(description = "Free text for the audit trail, at most 2000 characters, no NUL character",
				maxLength = 2000, pattern = "^[^\\x00]*$") @JsonProperty("note") @JsonDeserialize(
						using = TextDeserializer.class) @Nullable String note){

}
