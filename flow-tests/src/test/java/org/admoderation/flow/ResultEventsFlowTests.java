package org.admoderation.flow;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.admoderation.common.messaging.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Results pushed on {@code moderation_results}, read from the real broker as a listing
 * service would: the model's decision with its reasons, then a reviewer's with a higher
 * sequence, keyed by the ad, each in the documented shape.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ResultEventsFlowTests {

	private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);

	private static final String REVIEWER_KEY = "results-reviewer-key-0123456789";

	private final ModerationSystem system = new ModerationSystem();

	private FlowFixtures fixtures;

	private int apiPort;

	@BeforeAll
	void start() {
		this.apiPort = ModerationSystem.port(this.system.startApi("moderation.reviewers.keys=vera:" + REVIEWER_KEY));
		this.fixtures = new FlowFixtures();
	}

	@AfterEach
	void stopWorkers() {
		this.system.stopWorkers();
	}

	@AfterAll
	void stop() {
		this.system.close();
		this.fixtures.close();
	}

	@Test
	void theModelsDecisionAndThenAReviewersArePushedInOrderWithTheirSequence() {
		this.system.startWorker();
		long itemId = this.fixtures.createAdvertisement(false, "Диван угловой",
				"Звоните 8-916-123-45-67, отдам быстро. Диван в хорошем состоянии.", 3, 12000, 2);
		long taskId = this.fixtures.submit(this.apiPort, itemId);

		JsonNode model = await().atMost(FLOW_TIMEOUT)
			.until(() -> eventsOf(taskId), (events) -> events.size() == 1)
			.get(0);

		assertThat(model.get("sequence").asInt()).isEqualTo(1);
		assertThat(model.get("status").stringValue()).isEqualTo("completed");
		assertThat(model.get("decided_by").stringValue()).isEqualTo("model");
		assertThat(model.get("item_id").asLong()).isEqualTo(itemId);
		assertThat(model.get("model_version").stringValue()).isEqualTo("moderation-policies:3");
		List<String> codes = new ArrayList<>();
		model.get("reasons").forEach((reason) -> codes.add(reason.get("code").stringValue()));
		assertThat(codes).contains("contacts_in_text");
		assertThat(model.get("decision").stringValue())
			.isEqualTo(this.fixtures.result(this.apiPort, taskId).get("decision").stringValue());
		assertThat(keysOf(taskId)).containsOnly(Long.toString(itemId));

		String verdict = model.get("decision").stringValue().equals("approve") ? "reject" : "approve";
		assertThat(this.fixtures
			.post(this.apiPort, "/moderation_result/" + taskId + "/review", "X-API-Key", REVIEWER_KEY, "Content-Type",
					"application/json")
			.statusCode()).as("a review without a body is refused").isEqualTo(400);
		assertThat(this.fixtures
			.postJson(this.apiPort, "/moderation_result/" + taskId + "/review",
					"{\"verdict\": \"" + verdict + "\", \"reason_code\": \"contacts_in_text\"}", "unused")
			.statusCode()).as("the admin header is no reviewer's key").isEqualTo(401);
		assertThat(review(taskId, verdict)).isEqualTo(200);

		List<JsonNode> events = await().atMost(FLOW_TIMEOUT).until(() -> eventsOf(taskId), (all) -> all.size() == 2);
		JsonNode person = events.get(1);
		assertThat(person.get("sequence").asInt()).isGreaterThan(model.get("sequence").asInt());
		assertThat(person.get("decision").stringValue()).isEqualTo(verdict);
		assertThat(person.get("is_violation").booleanValue()).isEqualTo(verdict.equals("reject"));
		assertThat(person.get("model_decision").stringValue()).isEqualTo(model.get("decision").stringValue());
		assertThat(person.get("decided_by").stringValue()).isEqualTo("vera");
		assertThat(person.get("reason_code").stringValue()).as("the policy the reviewer gave")
			.isEqualTo("contacts_in_text");
		assertThat(model.get("reason_code").isNull()).as("the model's reasons are its reasons").isTrue();
		for (JsonNode event : events) {
			assertThat(event.propertyNames()).as("the documented fields, every one present")
				.containsAll(documentedRequiredFields());
		}
	}

	@Test
	void aTaskThatFailsIsPushedToo() {
		long itemId = this.fixtures.createAdvertisement();
		long taskId = this.fixtures.submit(this.apiPort, itemId);
		this.fixtures.deleteAdvertisement(itemId);

		this.system.startWorker();

		JsonNode failed = await().atMost(FLOW_TIMEOUT)
			.until(() -> eventsOf(taskId), (events) -> events.size() == 1)
			.get(0);
		assertThat(failed.get("status").stringValue()).isEqualTo("failed");
		assertThat(failed.get("error_message").stringValue()).isEqualTo("Advertisement not found");
		assertThat(failed.get("decision").isNull()).isTrue();
		assertThat(failed.get("sequence").asInt()).isEqualTo(1);
	}

	private int review(long taskId, String verdict) {
		return this.fixtures
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.apiPort + "/moderation_result/" + taskId + "/review"))
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"verdict\": \"" + verdict + "\", \"reason_code\": \"contacts_in_text\"}"))
				.header("Content-Type", "application/json")
				.header("X-API-Key", REVIEWER_KEY)
				.build())
			.statusCode();
	}

	/**
	 * The task's events as a consumer keeps them: one per sequence, in sequence order.
	 */
	private List<JsonNode> eventsOf(long taskId) {
		Map<Integer, JsonNode> bySequence = new TreeMap<>();
		this.fixtures.records(Topics.MODERATION_RESULTS)
			.stream()
			.map((record) -> this.fixtures.json.readTree(record.value()))
			.filter((event) -> event.get("task_id").asLong() == taskId)
			.forEach((event) -> bySequence.putIfAbsent(event.get("sequence").asInt(), event));
		return List.copyOf(bySequence.values());
	}

	private List<String> keysOf(long taskId) {
		return this.fixtures.records(Topics.MODERATION_RESULTS)
			.stream()
			.filter((record) -> this.fixtures.json.readTree(record.value()).get("task_id").asLong() == taskId)
			.map(ConsumerRecord::key)
			.toList();
	}

	private List<String> documentedRequiredFields() {
		JsonNode schema = this.fixtures.json
			.readTree(FlowFixtures.repositoryFile("docs/events/moderation-result.schema.json"));
		List<String> required = new ArrayList<>();
		schema.get("required").forEach((field) -> required.add(field.stringValue()));
		assertThat(required).contains("task_id", "sequence", "decided_by");
		return required;
	}

}
