package org.admoderation.api.security;

import org.admoderation.common.security.KeyRing;
import org.admoderation.common.security.KeySecurity;
import org.admoderation.common.security.ProblemAnswer;
import org.admoderation.common.security.Role;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The API port's filter chain: the review endpoints take a reviewer's key (and do not
 * exist until a reviewer's or the operator's key is set), though the reviewer's page
 * itself is open; the public endpoints take a client key once any is configured (and are
 * open until then); {@code /admin/**} takes the operator key (and does not exist until
 * one is set); the rest (the OpenAPI document, Swagger UI) is open. Rules are checked
 * before the handler runs, so no body is read for a refused caller.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ClientKeys.class, ReviewerKeys.class })
@Import(KeySecurity.class)
public class ApiSecurity {

	@Bean
	@Order(KeySecurity.MANAGEMENT_CHAIN_ORDER + 1)
	SecurityFilterChain apiPortChain(HttpSecurity http, KeyRing keys) throws Exception {
		KeySecurity.keyAuthenticated(http, keys);
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		// The reviewer's page is open, as a login page is; everything it calls takes a
		// key.
		RequestMatcher reviewPage = new OrRequestMatcher(paths.matcher(HttpMethod.GET, "/review"),
				paths.matcher(HttpMethod.GET, "/review/"), paths.matcher(HttpMethod.GET, "/review/page/**"));
		http.authorizeHttpRequests((rules) -> rules.requestMatchers(reviewPage).permitAll());
		RequestMatcher review = new OrRequestMatcher(paths.matcher("/review/**"),
				paths.matcher("/moderation_result/*/review"));
		KeySecurity.require(http, review, Role.REVIEWER, keys,
				keyRequired("Reviewer key required", KeySecurity.API_KEY_HEADER));
		RequestMatcher publicApi = new OrRequestMatcher(paths.matcher("/async_predict"),
				paths.matcher("/moderation_result/**"));
		if (keys.issues(Role.CLIENT)) {
			KeySecurity.require(http, publicApi, Role.CLIENT, keys,
					keyRequired("API key required", KeySecurity.API_KEY_HEADER));
		}
		KeySecurity.require(http, paths.matcher("/admin/**"), Role.OPERATOR, keys,
				keyRequired("Admin key required", KeySecurity.ADMIN_KEY_HEADER));
		http.authorizeHttpRequests((rules) -> rules.anyRequest().permitAll());
		return http.build();
	}

	private static ProblemAnswer keyRequired(String title, String header) {
		return ProblemAnswer.unauthorized("ApiKey header=\"" + header + "\"", title,
				"A valid " + header + " header is required");
	}

}
