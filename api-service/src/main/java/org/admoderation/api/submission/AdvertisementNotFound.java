package org.admoderation.api.submission;

/**
 * A moderation request named an advertisement that does not exist.
 */
public class AdvertisementNotFound extends RuntimeException {

	private final long itemId;

	public AdvertisementNotFound(long itemId) {
		super("Advertisement " + itemId + " not found");
		this.itemId = itemId;
	}

	public long getItemId() {
		return this.itemId;
	}

}
