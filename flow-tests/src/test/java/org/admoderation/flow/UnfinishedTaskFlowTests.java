package org.admoderation.flow;

import java.time.Duration;
import java.util.List;

import org.admoderation.common.messaging.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing stays pending forever (docs/design.md, invariant 6), and nothing fails for want
 * of a worker (invariant 2): a task nobody finishes is published again at growing
 * intervals; it ends failed only once workers have taken it {@code max-attempts} times.
 * The API runs alone here, with short timeouts; the workers' attempts are recorded the
 * way a worker records them.
 */
@TestInstance(Lifecycle.PER_CLASS)
class UnfinishedTaskFlowTests {

	private final ModerationSystem system = new ModerationSystem();

	private FlowFixtures fixtures;

	private int apiPort;

	@BeforeAll
	void startApiWithoutWorkers() {
		this.apiPort = ModerationSystem
			.port(this.system.startApi("moderation.outbox.processing-timeout=1s", "moderation.outbox.max-attempts=2"));
		this.fixtures = new FlowFixtures();
	}

	@AfterAll
	void stop() {
		this.system.close();
		this.fixtures.close();
	}

	@Test
	void taskNoWorkerTakesIsRepublishedWithBackoffButNeverFailed() {
		long taskId = this.fixtures.submit(this.apiPort, this.fixtures.createAdvertisement());

		// Published at 0 s, again after 1 s, 2 s more, 4 s more: three publishes within
		// ~4 s.
		await().atMost(Duration.ofSeconds(20)).until(() -> publishes(taskId) >= 3);
		assertThat(this.fixtures.status(this.apiPort, taskId)).isEqualTo("pending");
		assertThat(records(taskId)).hasSize(publishes(taskId));
		// The interval doubles: the fourth publish is not due for 8 s after the third.
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> publishes(taskId) == 3);
		assertThat(this.fixtures.deadLettersOfTask(taskId)).isEmpty();
	}

	@Test
	void taskWorkersKeepTakingWithoutFinishingEndsFailedWithOneDeadLetter() {
		long itemId = this.fixtures.createAdvertisement();
		long taskId = this.fixtures.submit(this.apiPort, itemId);
		await().atMost(Duration.ofSeconds(10)).until(() -> publishes(taskId) >= 1);

		// Two workers took it and died before finishing (what TaskStore.recordAttempts
		// leaves behind).
		this.fixtures.jdbc.sql("update moderation_results set attempts = 2 where id = :id")
			.param("id", taskId)
			.update();

		await().atMost(Duration.ofSeconds(30)).until(() -> this.fixtures.status(this.apiPort, taskId).equals("failed"));
		JsonNode result = this.fixtures.result(this.apiPort, taskId);
		assertThat(result.get("error_message").stringValue()).isEqualTo("Not finished after 2 processing attempts");
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.fixtures.deadLettersOfTask(taskId).isEmpty());
		List<JsonNode> deadLetters = this.fixtures.deadLettersOfTask(taskId);
		assertThat(deadLetters).hasSize(1);
		assertThat(deadLetters.get(0).get("retry_count").intValue()).isEqualTo(2);
		assertThat(deadLetters.get(0).get("original_message").get("item_id").longValue()).isEqualTo(itemId);
	}

	private int publishes(long taskId) {
		return Integer.parseInt(this.fixtures.taskColumn(taskId, "publishes"));
	}

	private List<?> records(long taskId) {
		return this.fixtures.records(Topics.MODERATION)
			.stream()
			.filter((record) -> Long.toString(taskId).equals(record.key()))
			.toList();
	}

}
