package org.admoderation.flow;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.admoderation.worker.intake.ListenerErrorHandling;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole product through a real broker and a real PostgreSQL: the API accepts, the
 * outbox relay publishes, workers score with the bundled ONNX model, failures reach
 * moderation_dlq.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ModerationFlowTests {

	private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);

	private final ModerationSystem system = new ModerationSystem();

	private FlowFixtures fixtures;

	private int apiPort;

	@BeforeAll
	void startApi() {
		ConfigurableApplicationContext api = this.system.startApi("moderation.admin.api-key=flow-admin-key");
		this.apiPort = ModerationSystem.port(api);
		this.fixtures = new FlowFixtures();
		this.fixtures.installTerminalWriteCounter();
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
	void submittedTaskCompletesWithDecisionReasonsProbabilityAndModelVersion() {
		this.system.startWorker();
		long itemId = this.fixtures.createAdvertisement();

		long taskId = this.fixtures.submit(this.apiPort, itemId);

		await().atMost(FLOW_TIMEOUT).until(() -> this.fixtures.status(this.apiPort, taskId).equals("completed"));
		JsonNode result = this.fixtures.result(this.apiPort, taskId);
		assertThat(result.get("task_id").longValue()).isEqualTo(taskId);
		assertThat(result.get("is_violation").isBoolean()).isTrue();
		assertThat(result.get("probability").doubleValue()).isBetween(0.0, 1.0);
		assertThat(result.get("model_version").stringValue()).isEqualTo("moderation-policies:3");
		assertThat(result.get("decision").stringValue()).isIn("approve", "review", "reject");
		assertThat(result.get("is_violation").booleanValue())
			.isEqualTo(result.get("decision").stringValue().equals("reject"));
		assertThat(result.get("reasons").isArray()).isTrue();
		assertThat(result.has("error_message")).isFalse();
		assertThat(result.get("processed_at").isNull()).isFalse();
		assertThat(this.fixtures.terminalWrites(taskId)).isEqualTo(1);
	}

	@Test
	void contactsAndPrepaymentAreRejectedWithTheirEvidenceAndAPlainAdIsApproved() {
		this.system.startWorker();
		long violating = this.fixtures.createAdvertisement(false, "iPhone 15 Pro Max новый",
				"Новый, звоните 8-916-123-45-67 или пишите в телеграм @fast_phone, только 100% предоплата на карту.", 1,
				9000, 0);
		long plain = this.fixtures.createAdvertisement(true, "Дубовый обеденный стол",
				"Массивный дубовый стол 160x90 см, на шесть персон. Небольшие царапины на одной ножке, см. фото. "
						+ "Самовывоз, помогу загрузить.",
				3, 18000, 5);

		long violatingTask = this.fixtures.submit(this.apiPort, violating);
		long plainTask = this.fixtures.submit(this.apiPort, plain);

		await().atMost(FLOW_TIMEOUT)
			.until(() -> this.fixtures.status(this.apiPort, violatingTask).equals("completed")
					&& this.fixtures.status(this.apiPort, plainTask).equals("completed"));
		JsonNode rejected = this.fixtures.result(this.apiPort, violatingTask);
		assertThat(rejected.get("is_violation").booleanValue()).isTrue();
		assertThat(rejected.get("decision").stringValue()).isEqualTo("reject");
		List<String> codes = new java.util.ArrayList<>();
		rejected.get("reasons").forEach((reason) -> codes.add(reason.get("code").stringValue()));
		assertThat(codes).contains("contacts_in_text", "off_platform_payment", "suspicious_price");
		JsonNode contacts = java.util.stream.StreamSupport.stream(rejected.get("reasons").spliterator(), false)
			.filter((reason) -> reason.get("code").stringValue().equals("contacts_in_text"))
			.findFirst()
			.orElseThrow();
		assertThat(java.util.stream.StreamSupport.stream(contacts.get("evidence").spliterator(), false)
			.map((span) -> span.get("text").stringValue())).contains("8-916-123-45-67", "@fast_phone");
		JsonNode approved = this.fixtures.result(this.apiPort, plainTask);
		assertThat(approved.get("is_violation").booleanValue()).isFalse();
		assertThat(approved.get("decision").stringValue()).isEqualTo("approve");
		assertThat(approved.get("reasons").isEmpty()).isTrue();
	}

	@Test
	void advertisementDeletedBeforeProcessingEndsFailedWithOneDeadLetter() {
		long itemId = this.fixtures.createAdvertisement();
		long taskId = this.fixtures.submit(this.apiPort, itemId);
		this.fixtures.deleteAdvertisement(itemId);

		this.system.startWorker();

		await().atMost(FLOW_TIMEOUT).until(() -> this.fixtures.status(this.apiPort, taskId).equals("failed"));
		JsonNode result = this.fixtures.result(this.apiPort, taskId);
		assertThat(result.get("error_message").stringValue()).isEqualTo("Advertisement not found");
		assertThat(result.get("is_violation").isNull()).isTrue();
		assertThat(result.get("probability").isNull()).isTrue();
		await().atMost(FLOW_TIMEOUT).until(() -> !this.fixtures.deadLettersOfTask(taskId).isEmpty());
		List<JsonNode> deadLetters = this.fixtures.deadLettersOfTask(taskId);
		assertThat(deadLetters).hasSize(1);
		JsonNode deadLetter = deadLetters.get(0);
		assertThat(deadLetter.propertyNames()).containsExactlyInAnyOrder("original_message", "error", "timestamp",
				"retry_count");
		assertThat(deadLetter.get("original_message").get("item_id").longValue()).isEqualTo(itemId);
		assertThat(deadLetter.get("error").stringValue()).isEqualTo("Advertisement not found");
		assertThat(deadLetter.get("retry_count").intValue()).isGreaterThanOrEqualTo(1);
		assertThat(deadLetter.get("timestamp").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
	}

	@Test
	void failedTaskRedrivenAfterItsAdIsRestoredCompletes() throws Exception {
		long itemId = this.fixtures.createAdvertisement();
		long taskId = this.fixtures.submit(this.apiPort, itemId);
		this.fixtures.deleteAdvertisement(itemId);
		this.system.startWorker();
		await().atMost(FLOW_TIMEOUT).until(() -> this.fixtures.status(this.apiPort, taskId).equals("failed"));
		await().atMost(FLOW_TIMEOUT).until(() -> this.fixtures.deadLettersOfTask(taskId).size() == 1);
		this.fixtures.restoreAdvertisement(itemId);

		HttpResponse<String> redrive = this.fixtures.postJson(this.apiPort, "/admin/redrive",
				"{\"task_ids\": [" + taskId + "]}", "flow-admin-key");

		assertThat(redrive.statusCode()).isEqualTo(200);
		await().atMost(FLOW_TIMEOUT).until(() -> this.fixtures.status(this.apiPort, taskId).equals("completed"));
		JsonNode result = this.fixtures.result(this.apiPort, taskId);
		assertThat(result.has("error_message")).isFalse();
		assertThat(result.get("probability").doubleValue()).isBetween(0.0, 1.0);
		assertThat(this.fixtures.deadLettersOfTask(taskId)).hasSize(1);
	}

	@Test
	void malformedRecordsAreDeadLetteredAndDoNotBlockTheirPartition() throws Exception {
		String marker = "poison-" + System.nanoTime();
		int partitions = this.fixtures.moderationPartitions();
		// A poison record at the head of every partition: whichever partition the next
		// task lands on, the worker has to get past a poison record to reach it.
		for (int partition = 0; partition < partitions; partition++) {
			this.fixtures.produce(partition, marker, "not json " + marker);
		}
		this.fixtures.produce(0, marker, "{\"task_id\": \"" + marker + "\", \"item_id\": 1}");
		this.fixtures.produce(0, marker, "{\"item_id\": 1, \"note\": \"" + marker + "\"}");
		long itemId = this.fixtures.createAdvertisement();
		long taskId = this.fixtures.submit(this.apiPort, itemId);

		this.system.startWorker();

		await().atMost(FLOW_TIMEOUT).until(() -> this.fixtures.status(this.apiPort, taskId).equals("completed"));
		await().atMost(FLOW_TIMEOUT).untilAsserted(() -> {
			List<ConsumerRecord<String, String>> poison = this.fixtures.deadLettersWhoseKey(marker::equals);
			assertThat(poison).hasSize(partitions + 2);
		});
		List<JsonNode> poison = this.fixtures.deadLettersWhoseKey(marker::equals)
			.stream()
			.map((record) -> this.fixtures.json.readTree(record.value()))
			.toList();
		assertThat(poison).filteredOn((value) -> value.get("original_message").isString())
			.hasSize(partitions)
			.allSatisfy((value) -> {
				assertThat(value.get("original_message").stringValue()).isEqualTo("not json " + marker);
				assertThat(value.get("error").stringValue()).isEqualTo("Message is not valid JSON");
			});
		assertThat(poison).extracting((value) -> value.get("error").stringValue())
			.contains("Field 'task_id' must be a positive integer", "Field 'task_id' is missing");
	}

	/**
	 * Keys PostgreSQL cannot store (a NUL byte) or the broker cannot take back in a dead
	 * letter (700 KB, with a value of control characters that JSON escapes six times
	 * over) once stopped every partition and the dead-letter relay.
	 */
	@Test
	void hostileRecordKeysAreDeadLetteredWithoutStallingAnyPartition() throws Exception {
		String marker = "hostile-" + System.nanoTime();
		int partitions = this.fixtures.moderationPartitions();
		for (int partition = 0; partition < partitions; partition++) {
			this.fixtures.produce(partition, marker + "\u0000" + partition, "{\"task_id\": 1\u0000}");
		}
		this.fixtures.produce(0, marker + "x".repeat(700_000), "\u0001".repeat(65_000));
		long itemId = this.fixtures.createAdvertisement();
		long taskId = this.fixtures.submit(this.apiPort, itemId);

		this.system.startWorker();

		await().atMost(FLOW_TIMEOUT).until(() -> this.fixtures.status(this.apiPort, taskId).equals("completed"));
		await().atMost(FLOW_TIMEOUT).untilAsserted(() -> {
			List<ConsumerRecord<String, String>> hostile = this.fixtures
				.deadLettersWhoseKey((key) -> key.startsWith(marker));
			assertThat(hostile).hasSize(partitions + 1);
			assertThat(hostile).extracting(ConsumerRecord::key)
				.allSatisfy((key) -> assertThat(key).doesNotContain("\u0000").hasSizeLessThanOrEqualTo(256));
		});
	}

	@Test
	void sameMessageDeliveredAgainAfterCompletionWritesNothing() throws Exception {
		this.system.startWorker();
		long itemId = this.fixtures.createAdvertisement();
		long taskId = this.fixtures.submit(this.apiPort, itemId);
		await().atMost(FLOW_TIMEOUT).until(() -> this.fixtures.status(this.apiPort, taskId).equals("completed"));
		String processedAt = this.fixtures.taskColumn(taskId, "processed_at");
		String message = "{\"task_id\": " + taskId + ", \"item_id\": " + itemId
				+ ", \"timestamp\": \"2025-01-28T12:00:00Z\"}";

		// Redeliveries in later polls than the first: only the conditional write stands
		// between them and a second terminal write.
		this.fixtures.produce(Long.toString(taskId), message);
		await().atMost(FLOW_TIMEOUT)
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(this.fixtures.workerLag()).isEmpty());
		this.fixtures.produce(Long.toString(taskId), message);
		await().atMost(FLOW_TIMEOUT)
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(this.fixtures.workerLag()).isEmpty());

		assertThat(this.fixtures.terminalWrites(taskId)).isEqualTo(1);
		assertThat(this.fixtures.taskColumn(taskId, "processed_at")).isEqualTo(processedAt);
		assertThat(this.fixtures.taskColumn(taskId, "attempts")).isEqualTo("1");
		assertThat(this.fixtures.deadLettersOfTask(taskId)).isEmpty();
	}

	@Test
	void twoWorkersShareThePartitionsAndEveryTaskCompletesExactlyOnce() throws Exception {
		this.system.startWorker();
		this.system.startWorker();
		await().atMost(FLOW_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
			Map<String, List<Integer>> assignments = this.fixtures.workerAssignments();
			assertThat(assignments).hasSize(2);
			assertThat(assignments.values()).allSatisfy((partitions) -> assertThat(partitions).isNotEmpty());
			assertThat(assignments.values().stream().mapToInt(List::size).sum())
				.isEqualTo(this.fixtures.moderationPartitions());
		});

		List<Long> taskIds = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			taskIds.add(this.fixtures.submit(this.apiPort, this.fixtures.createAdvertisement()));
		}

		await().atMost(FLOW_TIMEOUT)
			.until(() -> taskIds.stream().allMatch((id) -> this.fixtures.status(this.apiPort, id).equals("completed")));
		assertThat(taskIds).allSatisfy((id) -> assertThat(this.fixtures.terminalWrites(id)).isEqualTo(1));
	}

	@Test
	void databaseOutageWhileProcessingDelaysTheTaskButNeverFailsIt() throws Exception {
		try (ClosedUntilOpenedProxy database = new ClosedUntilOpenedProxy(FlowFixtures.postgresAddress())) {
			ConfigurableApplicationContext worker = this.system.startWorker(
					"spring.datasource.url=" + FlowFixtures.jdbcUrlThrough(database.address()),
					"spring.flyway.enabled=false");
			Counter retries = worker.getBean(MeterRegistry.class).counter(ListenerErrorHandling.RETRIES_METRIC);
			long itemId = this.fixtures.createAdvertisement();

			long taskId = this.fixtures.submit(this.apiPort, itemId);

			// The worker has the record but cannot reach PostgreSQL: it retries, the task
			// stays pending.
			await().during(Duration.ofSeconds(8))
				.atMost(Duration.ofSeconds(12))
				.until(() -> this.fixtures.status(this.apiPort, taskId).equals("pending"));
			database.open();
			await().atMost(FLOW_TIMEOUT).until(() -> this.fixtures.status(this.apiPort, taskId).equals("completed"));
			assertThat(this.fixtures.terminalWrites(taskId)).isEqualTo(1);
			assertThat(this.fixtures.deadLettersOfTask(taskId)).isEmpty();
		}
	}

	@Test
	void aStoreFailureLastingSecondsCountsOneAttemptAndFailsNoTask() {
		ConfigurableApplicationContext worker = this.system.startWorker();
		Counter retries = worker.getBean(MeterRegistry.class).counter(ListenerErrorHandling.RETRIES_METRIC);
		double retriedBefore = retries.count();
		long itemId = this.fixtures.createAdvertisement();
		// The batch's store transaction fails (PostgreSQL refusing its writes), not the
		// reading before it: the worker retries the whole batch, scoring included.
		this.jdbc().sql("""
				create or replace function refuse_completion() returns trigger language plpgsql as $$
				begin raise exception 'refused by the test'; end $$;
				create trigger refuse_completion before update on moderation_results for each row
				when (new.status = 'completed') execute function refuse_completion();
				""").update();
		try {
			long taskId = this.fixtures.submit(this.apiPort, itemId);

			// Counted on every retry, five retries made the relay give the task up as
			// failed.
			await().atMost(FLOW_TIMEOUT).until(() -> retries.count() - retriedBefore >= 6);
			this.jdbc().sql("drop trigger refuse_completion on moderation_results").update();
			await().atMost(FLOW_TIMEOUT).until(() -> this.fixtures.status(this.apiPort, taskId).equals("completed"));
			assertThat(this.fixtures.taskColumn(taskId, "attempts")).isEqualTo("1");
			assertThat(this.fixtures.terminalWrites(taskId)).isEqualTo(1);
		}
		finally {
			this.jdbc().sql("drop trigger if exists refuse_completion on moderation_results").update();
		}
	}

	private JdbcClient jdbc() {
		return this.fixtures.jdbc;
	}

}
