package org.admoderation.api.result;

import org.admoderation.api.task.ModerationTasks;
import org.admoderation.api.web.InvalidIdentifier;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /moderation_result/{task_id}}: the state of one moderation task.
 */
@RestController
class ResultController {

	static final String TASK_ID = "task_id";

	private final ModerationTasks tasks;

	ResultController(ModerationTasks tasks) {
		this.tasks = tasks;
	}

	@GetMapping("/moderation_result/{task_id}")
	ModerationResultResponse result(@PathVariable(TASK_ID) long taskId) {
		InvalidIdentifier.requirePositive(TASK_ID, taskId);
		return this.tasks.findById(taskId)
			.map(ModerationResultResponse::from)
			.orElseThrow(() -> new TaskNotFound(taskId));
	}

	@GetMapping({ "/moderation_result", "/moderation_result/" })
	ModerationResultResponse resultWithoutTaskId() {
		throw InvalidIdentifier.missing(TASK_ID);
	}

}
