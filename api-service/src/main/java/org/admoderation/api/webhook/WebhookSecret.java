package org.admoderation.api.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An endpoint with its new secret: shown once, when it is registered or its secret
 * rotated; the admin API never shows it again.
 */
record WebhookSecret(@JsonProperty("endpoint") WebhookEndpoint endpoint,
		@Schema(description = "The signing secret (whsec_ and 32 bytes in base64): give it to the receiver, "
				+ "it is not shown again",
				example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") @JsonProperty("secret") String secret) {

}
