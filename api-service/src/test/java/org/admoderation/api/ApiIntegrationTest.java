package org.admoderation.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.admoderation.testsupport.UseRealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole API on a real PostgreSQL and a real broker, driven through MockMvc. One
 * annotation for every such test class, so that they all share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
		properties = { "spring.config.name=" + ApiApplication.CONFIG_NAME, "moderation.outbox.poll-interval=200ms" })
@AutoConfigureMockMvc
@UseRealInfrastructure
public @interface ApiIntegrationTest {

}
