package org.admoderation.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * Points a {@code @SpringBootTest} at this JVM's real PostgreSQL and broker: through
 * {@code @ServiceConnection} containers when Testcontainers is in use, through
 * {@code spring.datasource.*} and {@code spring.kafka.bootstrap-servers} when embedded.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
@Import(ContainerInfrastructureConfiguration.class)
public @interface UseRealInfrastructure {

}
