package org.admoderation.api.admin;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Which failed tasks to send back: by id, or those that failed within a time range; at
 * most {@code limit} (and never more than {@code moderation.admin.max-redrive}).
 */
record RedriveRequest(@JsonProperty("task_ids") @Nullable List<Long> taskIds,
		@JsonProperty("failed_from") @Nullable Instant failedFrom,
		@JsonProperty("failed_to") @Nullable Instant failedTo, @JsonProperty("limit") @Nullable Integer limit) {

}
