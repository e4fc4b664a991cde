package org.admoderation.worker.mlflow;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;

import org.admoderation.model.PolicyModel;
import org.admoderation.testsupport.MlflowServer;
import org.admoderation.worker.mlflow.MlflowClient.ModelVersion;
import org.admoderation.worker.scoring.ModelUnavailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The worker's MLflow REST calls against a real {@code mlflow server}.
 */
class MlflowClientTests {

	private static MlflowServer server;

	private static MlflowClient client;

	@BeforeAll
	static void startServer() {
		server = MlflowServer.start();
		client = new MlflowClient(properties(server.uri()), JsonMapper.builder().build());
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void registeredModelIsResolvedByAliasAndVersionAndDownloadedIntact() throws IOException {
		byte[] bundled = bundledModel();

		ModelVersion registered = client.register("client-test", bundled, "model.onnx", "client-tests", "champion",
				Map.of("model_name", "moderation-policies"), Map.of("evaluation_roc_auc", 0.97));

		ModelVersion byAlias = client.resolve("client-test", "champion", null);
		assertThat(byAlias.version()).isEqualTo(registered.version());
		assertThat(byAlias.runId()).isEqualTo(registered.runId());
		assertThat(client.resolve("client-test", "ignored", registered.version())).isEqualTo(byAlias);
		byte[] downloaded = client.download(byAlias, "model.onnx");
		assertThat(downloaded).isEqualTo(bundled);
		assertThat(PolicyModel.metadataOf(downloaded, "MLflow client-test")).containsEntry("model_name",
				"moderation-policies");
	}

	@Test
	void aNewRegistrationMovesTheAlias() throws IOException {
		ModelVersion first = client.register("alias-test", bundledModel(), "model.onnx", "client-tests", "champion",
				Map.of(), Map.of());
		ModelVersion second = client.register("alias-test", bundledModel(), "model.onnx", "client-tests", "champion",
				Map.of(), Map.of());

		assertThat(Integer.parseInt(second.version())).isGreaterThan(Integer.parseInt(first.version()));
		assertThat(client.resolve("alias-test", "champion", null).version()).isEqualTo(second.version());
	}

	@Test
	void unknownAliasIsAClearError() {
		assertThatExceptionOfType(ModelUnavailable.class)
			.isThrownBy(() -> client.resolve("no-such-model", "champion", null))
			.withMessageContaining("RESOURCE_DOES_NOT_EXIST");
	}

	static MlflowProperties properties(String trackingUri) {
		return new MlflowProperties(trackingUri, "moderation-policies", "champion", null, "model.onnx", "ad-moderation",
				false, Duration.ofSeconds(10));
	}

	static byte[] bundledModel() throws IOException {
		try (InputStream input = MlflowClientTests.class.getResourceAsStream("/model/moderation-policies.onnx")) {
			return input.readAllBytes();
		}
	}

}
