package org.admoderation.api.webhook;

import org.admoderation.api.web.ApiProblem;

import org.springframework.http.HttpStatus;

/** A registration or a query the admin API cannot take (400). */
class InvalidWebhook extends ApiProblem {

	InvalidWebhook(String detail) {
		super(HttpStatus.BAD_REQUEST, "Invalid webhook request", detail);
	}

}
