package org.admoderation.common.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseUrlEnvironmentPostProcessorTests {

	@Test
	void seedStyleUrlBecomesJdbcUrlWithDecodedCredentials() {
		Map<String, Object> properties = DatabaseUrlEnvironmentPostProcessor
			.toDataSourceProperties("postgresql://mod%40user:p%3Ass+w@db.internal:5433/moderation?sslmode=require");

		assertThat(properties)
			.containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:5433/moderation?sslmode=require")
			.containsEntry("spring.datasource.username", "mod@user")
			.containsEntry("spring.datasource.password", "p:ss+w");
	}

	@Test
	void sqlAlchemyDriverSuffixAndPostgresSchemeAreAccepted() {
		assertThat(DatabaseUrlEnvironmentPostProcessor.toDataSourceProperties("postgresql+asyncpg://u:p@h/db"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://h/db");
		assertThat(DatabaseUrlEnvironmentPostProcessor.toDataSourceProperties("postgres://u@h:5432/db"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://h:5432/db")
			.containsEntry("spring.datasource.username", "u")
			.doesNotContainKey("spring.datasource.password");
	}

	@Test
	void jdbcUrlIsPassedThrough() {
		assertThat(DatabaseUrlEnvironmentPostProcessor.toDataSourceProperties("jdbc:postgresql://h:5432/db"))
			.containsOnly(Map.entry("spring.datasource.url", "jdbc:postgresql://h:5432/db"));
	}

	@Test
	void otherSchemesAreRefusedWithoutEchoingTheUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DatabaseUrlEnvironmentPostProcessor.toDataSourceProperties("mysql://u:secret@h/db"))
			.withMessageNotContaining("secret");
	}

	@Test
	void unparsableUrlIsRefusedWithoutEchoingThePassword() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DatabaseUrlEnvironmentPostProcessor.toDataSourceProperties("postgresql://u:se cret@h/db"))
			.withMessageNotContaining("se cret")
			.withMessageContaining("percent-encoded");
	}

	@Test
	void explicitSpringDatasourceUrlInTheEnvironmentWins() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new MapPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("DATABASE_URL", "postgresql://u:p@from-database-url/db", "spring.datasource.url",
									"jdbc:postgresql://explicit/db")));

		new DatabaseUrlEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://explicit/db");
		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("u");
	}

	@Test
	void withoutDatabaseUrlNothingChanges() {
		MockEnvironment environment = new MockEnvironment();

		new DatabaseUrlEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().contains(DatabaseUrlEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

}
