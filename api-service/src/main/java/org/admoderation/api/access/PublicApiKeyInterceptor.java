package org.admoderation.api.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

	/**
	 * The request attribute naming the client once its key is accepted: a digest of the
	 * key, never the key. Absent while the public API is open.
	 */
	public static final String CLIENT = "org.admoderation.api.access.client";

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
		String key = request.getHeader(HEADER);
		if (!ApiKeys.matchesAny(this.keys, key)) {
			throw new ApiKeyRequired();
		}
		request.setAttribute(CLIENT, clientOf(key));
		return true;
	}

	/** 96 bits of the key's SHA-256: tells clients apart without storing their keys. */
	static String clientOf(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
