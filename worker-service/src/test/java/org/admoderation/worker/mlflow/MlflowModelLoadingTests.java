package org.admoderation.worker.mlflow;

import org.admoderation.testsupport.MlflowServer;
import org.admoderation.testsupport.UseRealInfrastructure;
import org.admoderation.worker.WorkerApplication;
import org.admoderation.worker.scoring.ModelLifecycle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's switches together: {@code REGISTER_MODEL=true} registers the bundled model
 * at start-up, and {@code USE_MLFLOW=true} then loads it back from the registry by alias;
 * the worker consumes with the registry's model.
 */
@SpringBootTest(
		properties = { "spring.config.name=" + WorkerApplication.CONFIG_NAME, "moderation.model.register-bundled=true",
				"moderation.model.use-mlflow=true", "moderation.mlflow.model-name=worker-startup-test" })
@UseRealInfrastructure
@DirtiesContext
class MlflowModelLoadingTests {

	private static MlflowServer server;

	@Autowired
	private ModelLifecycle models;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void mlflow(DynamicPropertyRegistry registry) {
		server = MlflowServer.start();
		registry.add("moderation.mlflow.tracking-uri", server::uri);
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void workerRegistersTheBundledModelThenServesItFromTheRegistry() {
		assertThat(this.models.problem()).isNull();
		assertThat(this.models.model().version()).isEqualTo("moderation-text:2");
		assertThat(this.listeners.getListenerContainer(ModelLifecycle.LISTENER_ID).isRunning()).isTrue();
		MlflowClient client = new MlflowClient(MlflowClientTests.properties(server.uri()),
				tools.jackson.databind.json.JsonMapper.builder().build());
		assertThat(client.resolve("worker-startup-test", "champion", null).version()).isEqualTo("1");
	}

}
