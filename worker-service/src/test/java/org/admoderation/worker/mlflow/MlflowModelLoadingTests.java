package org.admoderation.worker.mlflow;

import java.io.IOException;
import java.util.Map;

import org.admoderation.testsupport.MlflowServer;
import org.admoderation.testsupport.UseRealInfrastructure;
import org.admoderation.worker.WorkerApplication;
import org.admoderation.worker.scoring.ModelLifecycle;
import org.admoderation.worker.scoring.ModelSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code USE_MLFLOW=true}: the worker serves the version the alias points at, not its
 * bundled model. The registry holds the baseline here while the worker bundles the text
 * model, so the loaded version tells where the model came from.
 */
@SpringBootTest(properties = { "spring.config.name=" + WorkerApplication.CONFIG_NAME,
		"moderation.model.use-mlflow=true", "moderation.mlflow.model-name=served-from-registry" })
@UseRealInfrastructure
@DirtiesContext
class MlflowModelLoadingTests {

	private static MlflowServer server;

	@Autowired
	private ModelLifecycle models;

	@Autowired
	private ModelSource source;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void registryWithTheBaseline(DynamicPropertyRegistry registry) throws IOException {
		server = MlflowServer.start();
		new MlflowClient(MlflowClientTests.properties(server.uri()), JsonMapper.builder().build()).register(
				"served-from-registry", MlflowClientTests.bundledModel(), "model.onnx", "loading-tests", "champion",
				Map.of(), Map.of());
		registry.add("moderation.mlflow.tracking-uri", server::uri);
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void workerServesTheRegisteredVersionAndConsumes() {
		assertThat(this.models.problem()).isNull();
		assertThat(this.source.description()).contains("MLflow").contains("served-from-registry");
		assertThat(this.models.model().version()).isEqualTo("moderation-policies:3");
		assertThat(this.listeners.getListenerContainer(ModelLifecycle.LISTENER_ID).isRunning()).isTrue();
	}

}
