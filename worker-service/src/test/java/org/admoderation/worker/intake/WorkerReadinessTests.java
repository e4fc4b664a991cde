package org.admoderation.worker.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.admoderation.testsupport.UseRealInfrastructure;
import org.admoderation.worker.WorkerApplication;
import org.admoderation.worker.scoring.ModelLifecycle;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker is ready when it consumes: database, broker, model and a running listener. A
 * listener that stops makes it not ready at the next probe, and ready again once it runs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=" + WorkerApplication.CONFIG_NAME)
@UseRealInfrastructure
@DirtiesContext
class WorkerReadinessTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@LocalServerPort
	private int port;

	@Test
	void readinessFollowsTheListener() {
		HttpResponse<String> ready = awaitReadiness(200);
		for (String component : new String[] { "db", "kafka", "model", "listener" }) {
			assertThat(componentStatus(ready, component)).as(component).isEqualTo("UP");
		}

		MessageListenerContainer listener = this.listeners.getListenerContainer(ModelLifecycle.LISTENER_ID);
		listener.stop();
		HttpResponse<String> stopped = awaitReadiness(503);
		assertThat(componentStatus(stopped, "listener")).isEqualTo("DOWN");

		listener.start();
		awaitReadiness(200);
	}

	/**
	 * Probes and anyone else see each component's status; why one is down (a database
	 * host, an MLflow URI, an exception class) is for the admin key.
	 */
	@Test
	void readinessShowsAnonymousCallersStatusesOnly() {
		HttpResponse<String> ready = awaitReadiness(200);

		JsonNode health = new JsonMapper().readTree(ready.body());
		assertThat(health.at("/components/model/status").asString()).isEqualTo("UP");
		assertThat(health.findValues("details")).isEmpty();
		assertThat(ready.body()).doesNotContain("thresholds", "clusterId", "moderation-policies");
	}

	@Test
	void withoutAnAdminKeyTheMetricsDoNotExist() throws Exception {
		for (String authorization : new String[] { "", "Bearer ", "Bearer anything" }) {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus"));
			if (!authorization.isEmpty()) {
				request.header("Authorization", authorization);
			}
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(authorization).isEqualTo(404);
			assertThat(response.body()).doesNotContain("moderation_");
		}
	}

	private static String componentStatus(HttpResponse<String> health, String component) {
		return new JsonMapper().readTree(health.body()).at("/components/" + component + "/status").asString();
	}

	private HttpResponse<String> awaitReadiness(int status) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> this.http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/readiness"))
					.build(), HttpResponse.BodyHandlers.ofString()), (response) -> response.statusCode() == status);
	}

}
