package org.admoderation.api.webhook;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A registered endpoint, as the admin API shows it: never its secrets.
 *
 * @param client the client whose tasks' results it receives; null: every task's
 * @param previousSecretUntil after a rotation, until when the previous secret signs too
 */
record WebhookEndpoint(@JsonProperty("id") long id, @JsonProperty("name") String name, @Schema(types = {
		"string", "null" },
		description = "The client (the name in its API key, client:key) whose tasks' results it receives; "
				+ "null: every task's") @JsonProperty("client") @Nullable String client,
		@JsonProperty("url") String url, @JsonProperty("created_at") Instant createdAt,
		@Schema(types = { "string", "null" }, format = "date-time",
				description = "After a rotation, until when the previous secret signs too") @JsonProperty("previous_secret_until") @Nullable Instant previousSecretUntil){

}
