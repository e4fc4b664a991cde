package org.admoderation.api;

import org.admoderation.common.config.ModerationCommonConfiguration;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Brings in the beans shared with the other service, and scheduling (the purge of expired
 * idempotency keys, the consumer lag's measurement). A configuration of its own, not an
 * import on the application class, so that test slices leave it out.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@Import(ModerationCommonConfiguration.class)
class ApiConfiguration {

}
