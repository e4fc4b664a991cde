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
 * Nothing stays pending forever (DESIGN.md invariant 6): a task that no worker finishes
 * is published again after the processing timeout, and after its last delivery ends
 * failed with one dead letter. Here no worker runs at all, and the API's timeouts are
 * shortened.
 */
@TestInstance(Lifecycle.PER_CLASS)
class UnfinishedTaskFlowTests {

	private final ModerationSystem system = new ModerationSystem();

	private FlowFixtures fixtures;

	private int apiPort;

	@BeforeAll
	void startApiWithoutWorkers() {
		this.apiPort = ModerationSystem.port(
				this.system.startApi("moderation.outbox.processing-timeout=1s", "moderation.outbox.max-deliveries=2"));
		this.fixtures = new FlowFixtures();
	}

	@AfterAll
	void stop() {
		this.system.close();
		this.fixtures.close();
	}

	@Test
	void taskNoWorkerFinishesIsRepublishedThenFailsWithOneDeadLetter() {
		long itemId = this.fixtures.createAdvertisement();

		long taskId = this.fixtures.submit(this.apiPort, itemId);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.fixtures.status(this.apiPort, taskId).equals("failed"));
		JsonNode result = this.fixtures.result(this.apiPort, taskId);
		assertThat(result.get("error_message").stringValue())
			.isEqualTo("Not processed after 2 deliveries to the moderation queue");
		assertThat(this.fixtures.taskColumn(taskId, "attempts")).isEqualTo("2");
		assertThat(this.fixtures.records(Topics.MODERATION)
			.stream()
			.filter((record) -> Long.toString(taskId).equals(record.key()))).hasSize(2);
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.fixtures.deadLettersOfTask(taskId).isEmpty());
		List<JsonNode> deadLetters = this.fixtures.deadLettersOfTask(taskId);
		assertThat(deadLetters).hasSize(1);
		assertThat(deadLetters.get(0).get("retry_count").intValue()).isEqualTo(2);
		assertThat(deadLetters.get(0).get("original_message").get("item_id").longValue()).isEqualTo(itemId);
	}

}
