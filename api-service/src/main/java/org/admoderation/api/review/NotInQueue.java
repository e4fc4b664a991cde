package org.admoderation.api.review;

import org.admoderation.api.web.ApiProblem;

import org.springframework.http.HttpStatus;

/** A skip of an item the review queue does not hold (404). */
class NotInQueue extends ApiProblem {

	NotInQueue(long taskId) {
		super(HttpStatus.NOT_FOUND, "Not in the review queue",
				"Task " + taskId + " is not in the review queue (a person decided it, or it never was)");
	}

}
