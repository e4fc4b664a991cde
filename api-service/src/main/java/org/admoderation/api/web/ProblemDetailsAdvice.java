package org.admoderation.api.web;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as RFC 9457 problem details. Bodies say what the client can act
 * on and never carry a stack trace, SQL, class name or host.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final String DATABASE_RETRY_AFTER_SECONDS = "5";

	@ExceptionHandler
	ProblemDetail invalidIdentifier(InvalidIdentifier ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid " + ex.getParameter(), ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail requestBodyTooLarge(RequestBodyTooLarge ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", ex.getMessage());
	}

	/**
	 * Tomcat refuses a query string it cannot split ({@code ?item_id=1&=null}) only when
	 * a parameter is first read: a client error, not a 500.
	 */
	@ExceptionHandler
	ProblemDetail malformedParameters(InvalidParameterException ex) {
		if (ex.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
			// A form body past server.tomcat.max-http-form-post-size, or too many
			// parameters.
			return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
					"The form body or its parameters exceed what the API accepts");
		}
		return problem(HttpStatus.BAD_REQUEST, "Malformed request parameters",
				"The query string (or form body) could not be parsed into name=value pairs");
	}

	/**
	 * The firewall checks parameter names when they are first read, which for a handler
	 * that matches on a parameter ({@code ?wait=}) is inside Spring MVC, past the filter
	 * that answers the firewall's other refusals.
	 */
	@ExceptionHandler
	ProblemDetail requestRejected(RequestRejectedException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Request rejected",
				"The request's path, parameters or headers hold characters the API does not accept");
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		logger.warn("Database unavailable: {}", ex.toString());
		return serviceUnavailable(DATABASE_RETRY_AFTER_SECONDS, "Database unavailable",
				"The moderation database cannot be reached; retry later");
	}

	private static ResponseEntity<ProblemDetail> serviceUnavailable(String retryAfterSeconds, String title,
			String detail) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, title, detail));
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request could not be processed");
	}

	/**
	 * Every {@link ApiProblem} (and Spring's own errors) as it describes itself; the
	 * server-side ones are logged, with the reason the client does not read.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleErrorResponseException(ErrorResponseException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (status.is5xxServerError()) {
			logger.warn("{}: {}", ex.getBody().getTitle(), ex.getMessage());
		}
		return super.handleErrorResponseException(ex, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String parameter = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		InvalidIdentifier invalid = InvalidIdentifier.notPositiveInteger((parameter != null) ? parameter : "parameter");
		return ResponseEntity.badRequest().body(invalidIdentifier(invalid));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
			MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		return ResponseEntity.badRequest().body(invalidIdentifier(InvalidIdentifier.missing(ex.getParameterName())));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// Anywhere in the chain: Jackson wraps what a stream throws mid-value.
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyTooLarge tooLarge) {
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(requestBodyTooLarge(tooLarge));
			}
		}
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "Malformed request body", bodyExpected(request)));
	}

	/** What the endpoint's body should have been: each endpoint has its own. */
	private static String bodyExpected(WebRequest request) {
		String path = (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI() : "";
		if (path.startsWith("/admin/redrive")) {
			return "The body must be JSON like {\"task_ids\": [5, 6]} or "
					+ "{\"failed_from\": \"2026-01-01T00:00:00Z\", \"failed_to\": \"2026-01-02T00:00:00Z\"}";
		}
		if (path.startsWith("/moderation_result/")) {
			return "The body must be JSON like {\"verdict\": \"reject\", \"reason_code\": \"contacts_in_text\", "
					+ "\"note\": \"...\"}";
		}
		return "The body must be JSON like {\"item_id\": 123}, with item_id an integer between 1 and " + Long.MAX_VALUE;
	}

	private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
