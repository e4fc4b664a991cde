package org.admoderation.common.access;

import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Keeps the actuator closed to anonymous callers: health (probes, load balancers) is
 * open, its details only to the admin key; {@code prometheus} takes the metrics key or
 * the admin key; every other endpoint takes the admin key only. Each answers 404 while
 * none of its keys is configured, as if it did not exist, and 401 without one of them
 * once one is. Prometheus sends its key as a bearer token
 * ({@code authorization.credentials_file} in its scrape config); people and scripts may
 * use {@code X-Admin-Key}, as for the API's admin endpoints.
 */
public class ManagementAccessFilter extends OncePerRequestFilter {

	public static final String ADMIN_KEY_HEADER = "X-Admin-Key";

	private static final String BEARER = "Bearer ";

	private static final UrlPathHelper PATHS = new UrlPathHelper();

	static {
		PATHS.setUrlDecode(true);
		PATHS.setRemoveSemicolonContent(true);
	}

	private final OperatorKeys keys;

	private final String actuatorBasePath;

	private final JsonMapper json = JsonMapper.shared();

	public ManagementAccessFilter(OperatorKeys keys, String actuatorBasePath) {
		this.keys = keys;
		this.actuatorBasePath = actuatorBasePath.endsWith("/")
				? actuatorBasePath.substring(0, actuatorBasePath.length() - 1) : actuatorBasePath;
	}

	/**
	 * The path as the handler mapping will see it, not as sent: percent-decoded, without
	 * {@code ;parameters}, with {@code //} and {@code ..} resolved. Otherwise
	 * {@code /actuator;x/prometheus} or {@code /%61ctuator/prometheus} would pass as "not
	 * the actuator" and still reach it.
	 */
	static String normalizedPath(HttpServletRequest request) {
		String path = PATHS.getPathWithinApplication(request);
		return StringUtils.cleanPath(path.replaceAll("/{2,}", "/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// One normalised path for every decision: health and non-actuator paths pass.
		String path = normalizedPath(request);
		String health = this.actuatorBasePath + "/health";
		boolean actuator = path.equals(this.actuatorBasePath) || path.startsWith(this.actuatorBasePath + "/");
		if (!actuator) {
			chain.doFilter(request, response);
			return;
		}
		if (path.equals(health) || path.startsWith(health + "/")) {
			// Open to probes, which see statuses only; the details (why a dependency is
			// down,
			// with hosts, URIs and exception classes) are for an operator's key.
			boolean operator = this.keys.adminEnabled() && this.keys.acceptsAdmin(presentedKey(request));
			chain.doFilter(operator ? new OperatorRequest(request) : request, response);
			return;
		}
		boolean metrics = path.equals(this.actuatorBasePath + "/prometheus");
		boolean open = metrics ? this.keys.metricsEnabled() : this.keys.adminEnabled();
		String presented = presentedKey(request);
		if (!open) {
			reject(request, response, HttpStatus.NOT_FOUND, "No such endpoint");
		}
		else if (!(metrics ? this.keys.acceptsForMetrics(presented) : this.keys.acceptsAdmin(presented))) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			reject(request, response, HttpStatus.UNAUTHORIZED,
					"This endpoint needs " + (metrics ? "the metrics key or the admin key" : "the admin key")
							+ ": Authorization: Bearer <key>, or " + ADMIN_KEY_HEADER);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	/**
	 * A request that presented the admin key, as the health endpoint's
	 * {@code show-details: when-authorized} understands it: an authenticated principal in
	 * every role.
	 */
	private static final class OperatorRequest extends HttpServletRequestWrapper {

		private static final Principal OPERATOR = () -> "operator";

		private OperatorRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Principal getUserPrincipal() {
			return OPERATOR;
		}

		@Override
		public boolean isUserInRole(String role) {
			return true;
		}

	}

	private static @Nullable String presentedKey(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authorization.substring(BEARER.length()).trim();
		}
		return request.getHeader(ADMIN_KEY_HEADER);
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		// The same problem-details shape the API answers with (RFC 9457).
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
