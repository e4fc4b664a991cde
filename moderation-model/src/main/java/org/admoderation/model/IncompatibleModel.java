package org.admoderation.model;

/**
 * A model file this code cannot serve: not ONNX, other inputs, missing metadata. The
 * message says what an operator should fix.
 */
public class IncompatibleModel extends RuntimeException {

	public IncompatibleModel(String message) {
		super(message);
	}

	public IncompatibleModel(String message, Throwable cause) {
		super(message, cause);
	}

}
