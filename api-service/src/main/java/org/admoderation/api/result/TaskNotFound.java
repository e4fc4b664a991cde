package org.admoderation.api.result;

import org.admoderation.api.web.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A result was requested for a task that does not exist (404).
 */
public class TaskNotFound extends ApiProblem {

	public TaskNotFound(long taskId) {
		super(HttpStatus.NOT_FOUND, "Moderation task not found", "Moderation task " + taskId + " not found");
	}

}
