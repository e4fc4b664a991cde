package org.admoderation.common.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the key a request carries, from its headers alone: the body is never read
 * here, and nothing reads it before the authorization rules have let the request through.
 * A key goes in {@code Authorization: Bearer} (what Prometheus sends),
 * {@code X-Admin-Key} or {@code X-API-Key}; the first of them that holds a key we issued
 * counts.
 * <p>
 * An unknown key leaves the request anonymous rather than refusing it: a protected
 * endpoint then answers 401, while an open one (the public API before its keys are
 * configured) stays open to clients that already send theirs, so keys can be rolled out
 * to clients first.
 */
final class KeyAuthenticationFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final AuthenticationManager authentication;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	KeyAuthenticationFilter(AuthenticationManager authentication) {
		this.authentication = authentication;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> presented = presentedKeys(request);
		if (!presented.isEmpty()) {
			Authentication authenticated = authenticate(presented);
			if (authenticated != null) {
				SecurityContext context = this.contexts.createEmptyContext();
				context.setAuthentication(authenticated);
				this.contexts.setContext(context);
			}
			else {
				this.contexts.clearContext();
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * The first of the keys that authenticates: a proxy's own {@code Authorization} or an
	 * empty header hides no valid key sent beside it.
	 */
	private @Nullable Authentication authenticate(List<String> presented) {
		for (String key : presented) {
			try {
				return this.authentication.authenticate(KeyAuthentication.presented(key));
			}
			catch (AuthenticationException ex) {
				// Not a key we issued: the next header may carry one.
			}
		}
		return null;
	}

	/** The non-empty keys of the three headers, bearer token first. */
	static List<String> presentedKeys(HttpServletRequest request) {
		List<String> keys = new ArrayList<>(3);
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			addIfPresent(keys, authorization.substring(BEARER.length()).strip());
		}
		addIfPresent(keys, request.getHeader(KeySecurity.ADMIN_KEY_HEADER));
		addIfPresent(keys, request.getHeader(KeySecurity.API_KEY_HEADER));
		return keys;
	}

	private static void addIfPresent(List<String> keys, @Nullable String key) {
		if (key != null && !key.isEmpty()) {
			keys.add(key);
		}
	}

}
