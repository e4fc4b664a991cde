package org.admoderation.api.review;

import org.admoderation.api.web.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A verdict the task's state does not allow (409): it is not decided yet, or a person
 * already gave another verdict, which only an operator may override.
 */
class ReviewConflict extends ApiProblem {

	private ReviewConflict(String title, String detail) {
		super(HttpStatus.CONFLICT, title, detail);
	}

	static ReviewConflict notDecided(long taskId, String status) {
		return new ReviewConflict("Task not decided",
				"Task " + taskId + " is " + status + ": only a completed task can be reviewed");
	}

	static ReviewConflict scoredWithoutPolicies(long taskId) {
		return new ReviewConflict("Task not decided", "Task " + taskId
				+ " was scored by a model without policies: it has is_violation, but no decision to review");
	}

	static ReviewConflict alreadyReviewed(long taskId, String decidedBy, String decision) {
		return new ReviewConflict("Already reviewed", "Task " + taskId + " was already reviewed by " + decidedBy + " ("
				+ decision + "); only an operator may override it");
	}

}
