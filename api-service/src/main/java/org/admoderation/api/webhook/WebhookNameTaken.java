package org.admoderation.api.webhook;

import org.admoderation.api.web.ApiProblem;

import org.springframework.http.HttpStatus;

/** Another endpoint has this name (409). */
class WebhookNameTaken extends ApiProblem {

	WebhookNameTaken(String name) {
		super(HttpStatus.CONFLICT, "Name taken", "An endpoint named " + name + " is already registered");
	}

}
