package org.admoderation.worker.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.admoderation.testsupport.UseRealInfrastructure;
import org.admoderation.worker.WorkerApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker whose model cannot be loaded takes no tasks and says it is not ready, instead
 * of failing every task it would have consumed; once a usable model is there, it loads it
 * at its next retry, consumes, and is ready.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + WorkerApplication.CONFIG_NAME, "moderation.model.reload-interval=500ms",
				"moderation.admin.api-key=" + NoModelNoConsumptionTests.ADMIN_KEY })
@UseRealInfrastructure
@DirtiesContext
class NoModelNoConsumptionTests {

	static final String ADMIN_KEY = "no-model-test-admin-key";

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Autowired
	private ModelLifecycle models;

	@LocalServerPort
	private int port;

	private static Path modelPath;

	@DynamicPropertySource
	static void brokenModel(DynamicPropertyRegistry registry) throws IOException {
		modelPath = Files.createTempFile("broken", ".onnx");
		Files.writeString(modelPath, "this is not an ONNX model");
		registry.add("moderation.model.path", modelPath::toString);
	}

	@Test
	void workerWithoutAUsableModelDoesNotConsumeAndIsNotReadyUntilOneIsThere() throws Exception {
		assertThat(this.listeners.getListenerContainer(ModelLifecycle.LISTENER_ID).isRunning()).isFalse();
		assertThat(this.models.problem()).contains("is not a loadable ONNX file");

		HttpResponse<String> readiness = readiness(ADMIN_KEY);
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).contains("OUT_OF_SERVICE").contains("is not a loadable ONNX file");
		// Why is for operators; a probe sees the status alone.
		HttpResponse<String> anonymous = readiness(null);
		assertThat(anonymous.statusCode()).isEqualTo(503);
		assertThat(anonymous.body()).contains("OUT_OF_SERVICE").doesNotContain("ONNX", modelPath.toString());

		try (InputStream bundled = getClass().getResourceAsStream("/model/moderation-policies.onnx")) {
			Files.copy(bundled, modelPath, StandardCopyOption.REPLACE_EXISTING);
		}
		HttpResponse<String> ready = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> readiness(null), (response) -> response.statusCode() == 200);
		assertThat(ready.body()).contains("\"model\"").doesNotContain("OUT_OF_SERVICE");
		assertThat(this.models.problem()).isNull();
		assertThat(this.listeners.getListenerContainer(ModelLifecycle.LISTENER_ID).isRunning()).isTrue();
	}

	private HttpResponse<String> readiness(String adminKey) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/readiness"));
		if (adminKey != null) {
			request.header("X-Admin-Key", adminKey);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
