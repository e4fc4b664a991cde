package org.admoderation.common.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A refusal of the security filter chain as the same RFC 9457 problem detail the API
 * answers everything else with. The chain refuses before any handler, and so before the
 * API's advice, runs.
 */
public final class ProblemAnswer implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpStatus status;

	private final @Nullable String challenge;

	private final String title;

	private final String detail;

	private ProblemAnswer(HttpStatus status, @Nullable String challenge, String title, String detail) {
		this.status = status;
		this.challenge = challenge;
		this.title = title;
		this.detail = detail;
	}

	/** 401 with {@code WWW-Authenticate: challenge}. */
	public static ProblemAnswer unauthorized(String challenge, String title, String detail) {
		return new ProblemAnswer(HttpStatus.UNAUTHORIZED, challenge, title, detail);
	}

	/** 403: the key is valid, its role is not enough. */
	public static ProblemAnswer forbidden(String detail) {
		return new ProblemAnswer(HttpStatus.FORBIDDEN, null, "Forbidden", detail);
	}

	/**
	 * 404 for an endpoint no configured key can open: to a caller it does not exist, as
	 * with its keys unset it should not.
	 */
	public static ProblemAnswer closed() {
		return new ProblemAnswer(HttpStatus.NOT_FOUND, null, "Not Found", "No such endpoint");
	}

	/**
	 * 400 for a request the firewall refuses (an encoded slash, a semicolon or a
	 * {@code ..} in the path, a control character in a header), before any rule or
	 * handler sees it.
	 */
	public static ProblemAnswer rejected() {
		return new ProblemAnswer(HttpStatus.BAD_REQUEST, null, "Request rejected",
				"The request's path or headers hold characters the API does not accept");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		write(request, response);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		write(request, response);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		write(request, response);
	}

	private void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", this.title);
		problem.put("status", this.status.value());
		problem.put("detail", this.detail);
		if (this.status != HttpStatus.BAD_REQUEST) {
			// A rejected path is not echoed: it is what the firewall found hostile.
			problem.put("instance", request.getRequestURI());
		}
		response.setStatus(this.status.value());
		if (this.challenge != null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, this.challenge);
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JSON.writeValue(response.getOutputStream(), problem);
	}

}
