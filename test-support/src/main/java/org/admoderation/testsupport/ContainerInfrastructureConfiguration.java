package org.admoderation.testsupport;

import org.admoderation.testsupport.TestInfrastructure.Mode;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.redpanda.RedpandaContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The JVM's shared PostgreSQL and Redpanda containers as {@code @ServiceConnection}
 * beans, when Testcontainers is in use.
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(ContainerInfrastructureConfiguration.TestcontainersMode.class)
class ContainerInfrastructureConfiguration {

	@Bean
	@ServiceConnection
	PostgreSQLContainer postgresContainer() {
		return TestInfrastructure.postgresContainer();
	}

	@Bean
	@ServiceConnection
	RedpandaContainer redpandaContainer() {
		return TestInfrastructure.redpandaContainer();
	}

	static class TestcontainersMode implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return TestInfrastructure.mode() == Mode.TESTCONTAINERS;
		}

	}

}
