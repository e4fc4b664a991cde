package org.admoderation.worker.mlflow;

import org.admoderation.testsupport.UseRealInfrastructure;
import org.admoderation.worker.WorkerApplication;
import org.admoderation.worker.scoring.ModelLifecycle;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code USE_MLFLOW=true} with MLflow unreachable: never a silent outcome.
 */
class UnreachableMlflowTests {

	// Port 9 (discard) is closed on these machines: connections are refused at once.
	static final String UNREACHABLE = "moderation.mlflow.tracking-uri=http://127.0.0.1:9";

	@Nested
	@SpringBootTest(properties = { "spring.config.name=" + WorkerApplication.CONFIG_NAME,
			"moderation.model.use-mlflow=true", UNREACHABLE })
	@UseRealInfrastructure
	@DirtiesContext
	class WithoutFallback {

		@Autowired
		private ModelLifecycle models;

		@Autowired
		private KafkaListenerEndpointRegistry listeners;

		@Test
		void workerStaysNotReadyAndSaysWhy() {
			assertThat(this.models.problem()).startsWith("MLflow at http://127.0.0.1:9 is unreachable");
			assertThat(this.listeners.getListenerContainer(ModelLifecycle.LISTENER_ID).isRunning()).isFalse();
		}

	}

	@Nested
	@SpringBootTest(properties = { "spring.config.name=" + WorkerApplication.CONFIG_NAME,
			"moderation.model.use-mlflow=true", "moderation.mlflow.fallback-to-bundled=true", UNREACHABLE })
	@UseRealInfrastructure
	@DirtiesContext
	class WithFallbackToBundled {

		@Autowired
		private ModelLifecycle models;

		@Test
		void workerServesTheBundledModel() {
			assertThat(this.models.problem()).isNull();
			assertThat(this.models.model().version()).isEqualTo("moderation-policies:3");
		}

	}

}
