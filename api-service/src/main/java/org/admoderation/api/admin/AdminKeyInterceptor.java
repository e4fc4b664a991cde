package org.admoderation.api.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.admoderation.common.access.OperatorKeys;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks {@code X-Admin-Key} on {@code /admin/**} before the handler runs, and so before
 * its body is read: an anonymous caller's body is never parsed. Closed (404) unless
 * {@code MODERATION_ADMIN_API_KEY} is set; a wrong or missing key is a 401.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorKeys.class)
class AdminKeyInterceptor implements HandlerInterceptor, WebMvcConfigurer {

	private final OperatorKeys operatorKeys;

	AdminKeyInterceptor(OperatorKeys operatorKeys) {
		this.operatorKeys = operatorKeys;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/admin/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!this.operatorKeys.adminEnabled()) {
			// Closed by default: as if the endpoint did not exist.
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (!this.operatorKeys.acceptsAdmin(request.getHeader(RedriveController.ADMIN_KEY_HEADER))) {
			throw new AdminAccessDenied();
		}
		return true;
	}

}
