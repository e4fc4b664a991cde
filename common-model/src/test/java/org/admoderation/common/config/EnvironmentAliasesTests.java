package org.admoderation.common.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentAliasesTests {

	@Test
	void aSeedVariableThatIsSetSetsItsPropertyAndOneThatIsNotSetsNothing() {
		StandardEnvironment environment = environment(Map.of("USE_MLFLOW", "true", "MODERATION_ADMIN_API_KEY", "k"));

		new EnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("moderation.model.use-mlflow")).isEqualTo("true");
		assertThat(environment.getProperty("moderation.admin.api-key")).isEqualTo("k");
		// Left to the record's @DefaultValue, declared once.
		assertThat(environment.containsProperty("moderation.model.path")).isFalse();
	}

	@Test
	void theSpringFormAndTheCommandLineStillWin() {
		StandardEnvironment environment = environment(
				Map.of("MODEL_THREADS", "4", "MODERATION_MODEL_INTRAOPTHREADS", "2", "MLFLOW_MODEL_ALIAS", "staging"));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("commandLineArgs", Map.of("moderation.mlflow.alias", "champion")));

		new EnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());

		// As the records are bound: the binder reads the Spring form of the variable.
		assertThat(Binder.get(environment).bind("moderation.model.intra-op-threads", Integer.class).get()).isEqualTo(2);
		assertThat(environment.getProperty("moderation.mlflow.alias")).isEqualTo("champion");
	}

	@Test
	void withNoAliasSetNoPropertySourceIsAdded() {
		StandardEnvironment environment = environment(Map.of("MODEL_PATH", ""));

		new EnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().contains(EnvironmentAliases.PROPERTY_SOURCE_NAME)).isFalse();
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

}
