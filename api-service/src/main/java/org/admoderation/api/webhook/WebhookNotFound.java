package org.admoderation.api.webhook;

import org.admoderation.api.web.ApiProblem;

import org.springframework.http.HttpStatus;

/** No such endpoint, or no such delivery of it (404). */
class WebhookNotFound extends ApiProblem {

	WebhookNotFound(String detail) {
		super(HttpStatus.NOT_FOUND, "Not found", detail);
	}

}
