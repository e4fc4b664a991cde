package org.admoderation.api.result;

/**
 * A result was requested for a task that does not exist.
 */
public class TaskNotFound extends RuntimeException {

	public TaskNotFound(long taskId) {
		super("Moderation task " + taskId + " not found");
	}

}
