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
 * bundled model. The registry holds a copy of the bundled head under a name of its own
 * ({@code served-from-registry}): the model source names MLflow and that name, so the
 * head was downloaded, not read from the classpath.
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
	static void registryWithACopyOfTheBundledHead(DynamicPropertyRegistry registry) throws IOException {
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
