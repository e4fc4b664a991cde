package org.admoderation.common.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the key a request carries, from its headers alone: the body is never read
 * here, and nothing reads it before the authorization rules have let the request through.
 * A key goes in {@code Authorization: Bearer} (what Prometheus sends),
 * {@code X-Admin-Key} or {@code X-API-Key}.
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
		String presented = presentedKey(request);
		if (presented != null) {
			try {
				SecurityContext context = this.contexts.createEmptyContext();
				context.setAuthentication(this.authentication.authenticate(KeyAuthentication.presented(presented)));
				this.contexts.setContext(context);
			}
			catch (AuthenticationException ex) {
				this.contexts.clearContext();
			}
		}
		chain.doFilter(request, response);
	}

	static @Nullable String presentedKey(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return nonEmpty(authorization.substring(BEARER.length()).strip());
		}
		String admin = request.getHeader(KeySecurity.ADMIN_KEY_HEADER);
		return nonEmpty((admin != null) ? admin : request.getHeader(KeySecurity.API_KEY_HEADER));
	}

	private static @Nullable String nonEmpty(@Nullable String key) {
		return (key == null || key.isEmpty()) ? null : key;
	}

}
