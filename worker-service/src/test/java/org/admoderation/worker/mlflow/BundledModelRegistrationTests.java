package org.admoderation.worker.mlflow;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.admoderation.testsupport.MlflowServer;
import org.admoderation.worker.mlflow.MlflowClient.ModelVersion;
import org.admoderation.worker.scoring.ResourceModelSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code REGISTER_MODEL=true} against a real MLflow: the bundled file becomes a version
 * with the alias, its metadata as parameters and metrics; a restart with the same file
 * registers nothing.
 */
class BundledModelRegistrationTests {

	private static MlflowServer server;

	private static MlflowClient client;

	private static MlflowProperties properties;

	@BeforeAll
	static void startServer() {
		server = MlflowServer.start();
		properties = new MlflowProperties(server.uri(), "registration-test", "champion", null, "model.onnx",
				"registration-tests", false, Duration.ofSeconds(10));
		client = new MlflowClient(properties, JsonMapper.builder().build());
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void bundledModelIsRegisteredOnceWithItsMetadataAndDownloadsIntact() throws IOException {
		BundledModelRegistration registration = new BundledModelRegistration(client, properties,
				new ResourceModelSource(new ClassPathResource("model/moderation-policies.onnx"), "bundled model"));

		ModelVersion first = registration.register();
		ModelVersion again = registration.register();

		assertThat(again).isEqualTo(first);
		assertThat(client.resolve("registration-test", "champion", null)).isEqualTo(first);
		assertThat(client.runParameter(first.runId(), "model_name")).isEqualTo("moderation-policies");
		assertThat(client.runParameter(first.runId(), BundledModelRegistration.SHA256_PARAMETER)).hasSize(64);
		try (InputStream bundled = new ClassPathResource("model/moderation-policies.onnx").getInputStream()) {
			assertThat(client.download(first, "model.onnx")).isEqualTo(bundled.readAllBytes());
		}
	}

}
