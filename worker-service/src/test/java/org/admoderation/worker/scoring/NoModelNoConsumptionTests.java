package org.admoderation.worker.scoring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

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

/**
 * A worker whose model cannot be loaded takes no tasks and says it is not ready, instead
 * of failing every task it would have consumed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=" + WorkerApplication.CONFIG_NAME)
@UseRealInfrastructure
@DirtiesContext
class NoModelNoConsumptionTests {

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Autowired
	private ModelLifecycle models;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void brokenModel(DynamicPropertyRegistry registry) throws IOException {
		Path broken = Files.createTempFile("broken", ".onnx");
		Files.writeString(broken, "this is not an ONNX model");
		registry.add("moderation.model.path", broken::toString);
	}

	@Test
	void workerWithoutAUsableModelDoesNotConsumeAndIsNotReady() throws Exception {
		assertThat(this.listeners.getListenerContainer(ModelLifecycle.LISTENER_ID).isRunning()).isFalse();
		assertThat(this.models.problem()).contains("is not a loadable ONNX file");

		HttpResponse<String> readiness = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/readiness"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).contains("OUT_OF_SERVICE").contains("is not a loadable ONNX file");
	}

}
