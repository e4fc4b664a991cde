package org.admoderation.flow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /moderation_result/{id}?wait=} on the real API, database and broker: the
 * answer comes when the task ends (PostgreSQL's notification, whichever service ended
 * it), or with its pending state when the wait is over; a thousand clients waiting at
 * once hold no request thread, so the API keeps answering everyone else.
 */
@TestInstance(Lifecycle.PER_CLASS)
class LongPollFlowTests {

	private final ModerationSystem system = new ModerationSystem();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static final String METRICS_KEY = "long-poll-metrics-key-0123456789";

	private FlowFixtures fixtures;

	private int apiPort;

	private int apiManagementPort;

	@BeforeAll
	void startApi() {
		ConfigurableApplicationContext api = this.system.startApi("moderation.admin.metrics-key=" + METRICS_KEY);
		this.apiPort = ModerationSystem.port(api);
		this.apiManagementPort = ModerationSystem.managementPort(api);
		this.fixtures = new FlowFixtures();
	}

	@AfterEach
	void stopWorkers() {
		this.system.stopWorkers();
	}

	@AfterAll
	void stopAll() {
		this.system.close();
		this.fixtures.close();
	}

	@Test
	void aWaitingClientIsAnsweredWhenItsTaskEnds() throws Exception {
		long taskId = this.fixtures.submit(this.apiPort, this.fixtures.createAdvertisement());
		CompletableFuture<HttpResponse<String>> waiting = longPoll(taskId, "30s");
		// No worker yet: it keeps waiting.
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !waiting.isDone());

		this.system.startWorker();

		HttpResponse<String> answer = waiting.get(30, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode result = this.fixtures.json.readTree(answer.body());
		assertThat(result.get("status").stringValue()).isEqualTo("completed");
		assertThat(result.get("decision").stringValue()).isIn("approve", "review", "reject");
	}

	@Test
	void aTaskStillPendingAfterTheWaitIsAnsweredPending() throws Exception {
		long taskId = this.fixtures.submit(this.apiPort, this.fixtures.createAdvertisement());
		long started = System.nanoTime();

		HttpResponse<String> answer = longPoll(taskId, "1500ms").get(30, TimeUnit.SECONDS);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(this.fixtures.json.readTree(answer.body()).get("status").stringValue()).isEqualTo("pending");
	}

	@Test
	void anEndedTaskOrAZeroWaitIsAnsweredAtOnceAndAWaitThatIsNotOneIsABadRequest() throws Exception {
		long taskId = this.fixtures.submit(this.apiPort, this.fixtures.createAdvertisement());

		assertThat(longPoll(taskId, "0").get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		for (String wait : new String[] { "soon", "-1", "1.5s", "30m", "" }) {
			assertThat(longPoll(taskId, wait).get(5, TimeUnit.SECONDS).statusCode()).as(wait).isEqualTo(400);
		}
		assertThat(longPoll(Long.MAX_VALUE, "30s").get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
	}

	@Test
	void aThousandWaitingClientsLeaveTheApiAnsweringAndAreEachAnsweredWhenTheirTaskEnds() throws Exception {
		int clients = 1000;
		long itemId = this.fixtures.createAdvertisement();
		List<Long> taskIds = new ArrayList<>(clients);
		for (int i = 0; i < clients; i++) {
			taskIds.add(this.fixtures.submit(this.apiPort, itemId));
		}
		Map<Long, CompletableFuture<Integer>> answered = taskIds.stream()
			.collect(Collectors.toMap((id) -> id, (id) -> longPoll(id, "60s").thenApply((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains("\"status\":\"completed\"");
				return response.statusCode();
			})));
		await().atMost(Duration.ofSeconds(30)).until(() -> waitingClients() >= clients);

		long started = System.nanoTime();
		assertThat(this.fixtures.get(this.apiPort, "/moderation_result/" + taskIds.get(0)).statusCode())
			.as("another client, while a thousand wait")
			.isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(answered.values()).noneMatch(CompletableFuture::isDone);

		this.system.startWorker();

		// How soon after its task's commit each is answered is the benchmark's to measure
		// (docs/benchmarks.md, "Long-polls"), not a test's.
		CompletableFuture.allOf(answered.values().toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
	}

	/** The API's own count of clients waiting, from its metrics. */
	private double waitingClients() {
		String metrics = this.fixtures
			.get(this.apiManagementPort, "/actuator/prometheus", "Authorization", "Bearer " + METRICS_KEY)
			.body();
		return metrics.lines()
			.filter((line) -> line.startsWith("moderation_long_polls_waiting"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElse(-1);
	}

	private CompletableFuture<HttpResponse<String>> longPoll(long taskId, String wait) {
		return this.http.sendAsync(HttpRequest
			.newBuilder(
					URI.create("http://localhost:" + this.apiPort + "/moderation_result/" + taskId + "?wait=" + wait))
			.timeout(Duration.ofSeconds(90))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
