package org.admoderation.worker.scoring;

/**
 * The model could not be fetched from its source: a missing file, an unreachable or
 * misconfigured registry.
 */
public class ModelUnavailable extends RuntimeException {

	public ModelUnavailable(String message) {
		super(message);
	}

	public ModelUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
