package org.admoderation.api.review;

import org.admoderation.api.web.ApiProblem;

import org.springframework.http.HttpStatus;

/** A labels export asked from a moment that is not one (400). */
class InvalidSince extends ApiProblem {

	InvalidSince(String since) {
		super(HttpStatus.BAD_REQUEST, "Invalid since",
				"since must be an RFC 3339 date-time such as 2026-12-01T00:00:00Z",
				"since must be an RFC 3339 date-time, not " + since);
	}

}
