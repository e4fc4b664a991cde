package org.admoderation.api.submission;

import org.admoderation.api.web.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A moderation request named an advertisement that does not exist (404).
 */
public class AdvertisementNotFound extends ApiProblem {

	private final long itemId;

	public AdvertisementNotFound(long itemId) {
		super(HttpStatus.NOT_FOUND, "Advertisement not found", "Advertisement " + itemId + " not found");
		this.itemId = itemId;
	}

	public long getItemId() {
		return this.itemId;
	}

}
