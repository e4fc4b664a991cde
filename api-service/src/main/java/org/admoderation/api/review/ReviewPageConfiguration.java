package org.admoderation.api.review;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The reviewer's page: {@code /review/} serves {@code static/review/page/index.html},
 * whose script and style sit beside it. The page is open; what it calls takes the key it
 * asks for.
 */
@Configuration(proxyBeanMethods = false)
class ReviewPageConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/review", "/review/");
		registry.addViewController("/review/").setViewName("forward:/review/page/index.html");
	}

}
