package org.admoderation.api.admin;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import tools.jackson.databind.annotation.JsonDeserialize;
import io.swagger.v3.oas.annotations.media.Schema;
import org.admoderation.api.web.DateTimeDeserializer;
import org.admoderation.api.web.WholeNumberDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Which failed tasks to send back: by id (at most {@code moderation.admin.max-redrive}),
 * or those that failed within a time range, oldest first, at most {@code limit} of them
 * (and never more than {@code max-redrive}). A field sent as null is absent.
 */
record RedriveRequest(
		@JsonProperty("task_ids") @JsonDeserialize(contentUsing = WholeNumberDeserializer.class) @ArraySchema(
				schema = @Schema(type = "integer", format = "int64", minimum = "1")) @Nullable List<Long> taskIds,
		@JsonProperty("failed_from") @JsonDeserialize(using = DateTimeDeserializer.class) @Schema(types = {
				"string", "null" }, format = "date-time",
				pattern = DateTimeDeserializer.PATTERN) @Nullable Instant failedFrom,
		@JsonProperty("failed_to") @JsonDeserialize(using = DateTimeDeserializer.class) @Schema(
				types = { "string", "null" }, format = "date-time",
				pattern = DateTimeDeserializer.PATTERN) @Nullable Instant failedTo,
		@JsonProperty("limit") @JsonDeserialize(using = WholeNumberDeserializer.class) @Schema(
				types = { "integer", "null" }, format = "int64", minimum = "1",
				description = "For a time range: at most this many tasks") @Nullable Long limit){

}
