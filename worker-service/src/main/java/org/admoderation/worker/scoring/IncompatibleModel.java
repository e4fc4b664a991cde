package org.admoderation.worker.scoring;

/**
 * A model file that this worker cannot serve: unreadable, or with inputs or metadata
 * other than what the worker sends and needs.
 */
public class IncompatibleModel extends RuntimeException {

	public IncompatibleModel(String message) {
		super(message);
	}

	public IncompatibleModel(String message, Throwable cause) {
		super(message, cause);
	}

}
