package org.admoderation.api.web;

/**
 * An {@code item_id} or {@code task_id} was missing or not a positive 64-bit integer.
 */
public class InvalidIdentifier extends RuntimeException {

	private final String parameter;

	public InvalidIdentifier(String parameter, String reason) {
		super(reason);
		this.parameter = parameter;
	}

	public static InvalidIdentifier missing(String parameter) {
		return new InvalidIdentifier(parameter, parameter + " is required");
	}

	public static InvalidIdentifier notPositiveInteger(String parameter) {
		return new InvalidIdentifier(parameter, parameter + " must be an integer between 1 and " + Long.MAX_VALUE);
	}

	/** Checks that an identifier is positive and returns it. */
	public static long requirePositive(String parameter, long value) {
		if (value <= 0) {
			throw notPositiveInteger(parameter);
		}
		return value;
	}

	public String getParameter() {
		return this.parameter;
	}

}
