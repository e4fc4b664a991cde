package org.admoderation.common.messaging;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * The value of a record on {@link Topics#MODERATION_DLQ}, in the seed's shape.
 *
 * @param originalMessage the message as received: its JSON, or its raw text when it was
 * not JSON
 * @param error why the task could not be moderated, readable by an operator
 * @param timestamp when the task was given up
 * @param retryCount processing attempts made
 */
public record DeadLetter(@JsonProperty("original_message") JsonNode originalMessage,
		@JsonProperty("error") String error, @JsonProperty("timestamp") Instant timestamp,
		@JsonProperty("retry_count") int retryCount) {

}
