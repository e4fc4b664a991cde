package org.admoderation.api.access;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.admoderation.api.access.PublicApiProperties.ClientKey;
import org.admoderation.common.access.ApiKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Requires {@code X-API-Key} on the public endpoints when keys are configured. An
 * interceptor rather than a filter, so that a refusal is a problem detail from the one
 * advice like every other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublicApiProperties.class)
public class PublicApiKeyInterceptor implements HandlerInterceptor, WebMvcConfigurer {

	public static final String HEADER = "X-API-Key";

	/**
	 * The request attribute naming the client once its key is accepted, for a key
	 * configured as {@code client:key}; absent for an unnamed key and while the public
	 * API is open.
	 */
	public static final String CLIENT = "org.admoderation.api.access.client";

	private final List<@Nullable String> clients;

	private final List<String> keys;

	public PublicApiKeyInterceptor(PublicApiProperties properties) {
		List<ClientKey> clientKeys = properties.clientKeys();
		this.clients = clientKeys.stream().map(ClientKey::client).collect(Collectors.toList());
		this.keys = clientKeys.stream().map(ClientKey::key).toList();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		if (!this.keys.isEmpty()) {
			registry.addInterceptor(this).addPathPatterns("/async_predict", "/moderation_result/**");
		}
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		int matched = ApiKeys.indexOf(this.keys, request.getHeader(HEADER));
		if (matched < 0) {
			throw new ApiKeyRequired();
		}
		String client = this.clients.get(matched);
		if (client != null) {
			request.setAttribute(CLIENT, client);
		}
		return true;
	}

}
