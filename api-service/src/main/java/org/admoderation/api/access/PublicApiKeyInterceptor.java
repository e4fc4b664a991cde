package org.admoderation.api.access;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.admoderation.common.access.ApiKeys;

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

	private final List<String> keys;

	public PublicApiKeyInterceptor(PublicApiProperties properties) {
		this.keys = properties.configuredKeys();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		if (!this.keys.isEmpty()) {
			registry.addInterceptor(this).addPathPatterns("/async_predict", "/moderation_result/**");
		}
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!ApiKeys.matchesAny(this.keys, request.getHeader(HEADER))) {
			throw new ApiKeyRequired();
		}
		return true;
	}

}
