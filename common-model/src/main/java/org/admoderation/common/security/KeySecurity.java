package org.admoderation.common.security;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Both services' credentials through Spring Security: the {@link KeyRing} of every key a
 * {@link KeySource} issues, the roles' hierarchy, and the actuator's filter chain (health
 * open, its details for operators; Prometheus for the metrics role; every other endpoint
 * for operators). The API adds its own chain for its port.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorKeys.class)
public class KeySecurity {

	public static final String ADMIN_KEY_HEADER = "X-Admin-Key";

	public static final String API_KEY_HEADER = "X-API-Key";

	/**
	 * The actuator's chain goes first: it takes every actuator endpoint's path, so the
	 * API's chain, which matches any request, never sees one.
	 */
	public static final int MANAGEMENT_CHAIN_ORDER = 1;

	@Bean
	KeyRing keyRing(List<KeySource> sources) {
		return KeyRing.of(sources);
	}

	@Bean
	static RoleHierarchy roleHierarchy() {
		return Role.hierarchy();
	}

	/**
	 * Spring Security's strict firewall, except for the method: one no handler takes is
	 * answered by Spring MVC, 405 with {@code Allow}, as HTTP asks. The rules match paths
	 * whatever the method, so no method passes one.
	 */
	@Bean
	static HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setUnsafeAllowAnyHttpMethod(true);
		return firewall;
	}

	/**
	 * What the firewall refuses is a problem detail too, not the container's error page.
	 */
	@Bean
	static RequestRejectedHandler requestRejectedHandler() {
		return ProblemAnswer.rejected();
	}

	@Bean
	@Order(MANAGEMENT_CHAIN_ORDER)
	SecurityFilterChain managementPortChain(HttpSecurity http, KeyRing keys) throws Exception {
		keyAuthenticated(http.securityMatcher(EndpointRequest.toAnyEndpoint()), keys);
		ProblemAnswer unauthorized = ProblemAnswer.unauthorized("Bearer", "Unauthorized",
				"This endpoint needs a key: Authorization: Bearer <key>, or " + ADMIN_KEY_HEADER);
		// Open to probes, which see statuses only; the details (hosts, exception classes)
		// are for operators (management.endpoint.health.roles).
		http.authorizeHttpRequests((rules) -> rules.requestMatchers(EndpointRequest.to("health")).permitAll());
		require(http, EndpointRequest.to("prometheus"), Role.METRICS, keys, unauthorized);
		require(http, AnyRequestMatcher.INSTANCE, Role.OPERATOR, keys, unauthorized);
		return http.build();
	}

	/**
	 * Stateless and authenticated by key alone: no session, no login page, no CSRF token
	 * (no cookie carries a credential, so no request can be forged with one).
	 */
	public static HttpSecurity keyAuthenticated(HttpSecurity http, KeyRing keys) throws Exception {
		// The dispatch that writes a long-poll's answer belongs to a request its rules
		// have
		// already let through; the key is not presented to it again.
		http.authorizeHttpRequests((rules) -> rules.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll());
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.addFilterBefore(new KeyAuthenticationFilter(new ProviderManager(keys)),
					AnonymousAuthenticationFilter.class);
	}

	/**
	 * Lets {@code role} (or an operator) reach {@code endpoints}: without a valid key a
	 * caller gets {@code unauthorized}, with a key of another role a 403. While no
	 * configured key grants the role, the endpoints answer 404 to everyone, as if they
	 * did not exist. Rules apply in the order they are added.
	 */
	public static void require(HttpSecurity http, RequestMatcher endpoints, Role role, KeyRing keys,
			ProblemAnswer unauthorized) throws Exception {
		boolean open = keys.grants(role);
		http.authorizeHttpRequests((rules) -> {
			if (open) {
				rules.requestMatchers(endpoints).hasRole(role.name());
			}
			else {
				rules.requestMatchers(endpoints).denyAll();
			}
		});
		ProblemAnswer denied = open ? ProblemAnswer.forbidden("This endpoint needs the "
				+ role.name().toLowerCase(java.util.Locale.ROOT) + " role, which this key does not have")
				: ProblemAnswer.closed();
		http.exceptionHandling((refusals) -> refusals
			.defaultAuthenticationEntryPointFor(open ? unauthorized : ProblemAnswer.closed(), endpoints)
			.defaultAccessDeniedHandlerFor(denied, endpoints));
	}

}
