package org.admoderation.api.review;

import org.admoderation.api.web.ApiProblem;

import org.springframework.http.HttpStatus;

/** A verdict that is not one (400): nothing is written. */
class InvalidReview extends ApiProblem {

	InvalidReview(String detail) {
		super(HttpStatus.BAD_REQUEST, "Invalid review", detail);
	}

}
