package org.admoderation.api.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error a feature answers with, as problem details: the feature names the status,
 * title and detail, and {@link ProblemDetailsAdvice} renders every subclass without
 * knowing it, so {@code web} depends on no feature.
 */
public abstract class ApiProblem extends ErrorResponseException {

	private final String message;

	/**
	 * @param detail what the client can act on
	 * @param message what the logs and the exception say; may name more than the client
	 * should read
	 */
	protected ApiProblem(HttpStatus status, String title, String detail, String message) {
		super(status, problem(status, title, detail), null);
		this.message = message;
	}

	protected ApiProblem(HttpStatus status, String title, String detail) {
		this(status, title, detail, detail);
	}

	@Override
	public String getMessage() {
		return this.message;
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
