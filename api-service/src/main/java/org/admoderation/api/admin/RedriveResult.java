package org.admoderation.api.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The tasks a redrive sent back to {@code pending}; a task that was not failed any more
 * is not among them, so calling twice redrives once.
 */
record RedriveResult(@JsonProperty("redriven") int redriven, @JsonProperty("task_ids") List<Long> taskIds) {

}
