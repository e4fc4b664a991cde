package org.admoderation.api.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.admoderation.api.web.TextDeserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An endpoint to register. Each field is text or absent; {@link WebhookEndpoints} checks
 * them.
 */
@Schema(requiredProperties = { "name", "client", "url" })
record WebhookRegistration(
		@Schema(description = "Unique; names the endpoint in metrics and logs",
				pattern = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",
				example = "listing-service") @JsonProperty("name") @JsonDeserialize(
						using = TextDeserializer.class) @Nullable String name,
		@Schema(description = "The client (the name in its API key, client:key) whose tasks' results it receives; "
				+ "or * for every task's", pattern = "^(\\*|[A-Za-z0-9][A-Za-z0-9_.-]{0,63})$",
				example = "shop") @JsonProperty("client") @JsonDeserialize(
						using = TextDeserializer.class) @Nullable String client,
		@Schema(description = "An absolute http or https URL, at most 2048 characters, without user information "
				+ "or fragment; redirects are not followed", maxLength = 2048,
				pattern = "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#@\\s]+([/?][^#\\s]*)?$",
				example = "https://listings.example.com/hooks/moderation") @JsonProperty("url") @JsonDeserialize(
						using = TextDeserializer.class) @Nullable String url) {

}
