package org.admoderation.api.submission;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.admoderation.api.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on a real PostgreSQL: what a retry gets and what it writes.
 */
@ApiIntegrationTest
class IdempotentSubmissionIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	private SubmissionTestData data;

	@BeforeEach
	void testData() {
		this.data = new SubmissionTestData(this.jdbc);
	}

	@Autowired
	private JsonMapper json;

	@Autowired
	private IdempotentSubmissions idempotentSubmissions;

	@Test
	void aRetryWithTheSameKeyGetsTheSameTaskAndCreatesNothing() {
		long itemId = this.data.createAdvertisement();
		String key = UUID.randomUUID().toString();

		MvcTestResult first = submit(itemId, key);
		long tasksAfterFirst = this.data.countTasks();
		MvcTestResult retry = submit(itemId, key);

		assertThat(first).hasStatus(202).doesNotContainHeader(SubmissionController.IDEMPOTENT_REPLAYED);
		assertThat(retry).hasStatus(202)
			.hasHeader(SubmissionController.IDEMPOTENT_REPLAYED, "true")
			.hasHeader("Location", "/moderation_result/" + taskId(first));
		assertThat(taskId(retry)).isEqualTo(taskId(first));
		assertThat(this.data.countTasks()).isEqualTo(tasksAfterFirst);
	}

	@Test
	void theSameKeyForAnotherItemIsUnprocessableAndWritesNothing() {
		long itemId = this.data.createAdvertisement();
		long otherItemId = this.data.createAdvertisement();
		String key = UUID.randomUUID().toString();
		submit(itemId, key);
		long tasksBefore = this.data.countTasks();

		MvcTestResult reused = submit(otherItemId, key);

		assertThat(reused).hasStatus(422).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(reused).bodyJson().extractingPath("$.title").isEqualTo("Idempotency-Key reused");
		assertThat(this.data.countTasks()).isEqualTo(tasksBefore);
	}

	@Test
	void requestsWithoutAKeyOrWithDifferentKeysGetTasksOfTheirOwn() {
		long itemId = this.data.createAdvertisement();

		long withoutKey = taskId(this.mvc.post().uri("/async_predict?item_id=" + itemId).exchange());
		long firstKey = taskId(submit(itemId, UUID.randomUUID().toString()));
		long secondKey = taskId(submit(itemId, UUID.randomUUID().toString()));

		assertThat(Set.of(withoutKey, firstKey, secondKey)).hasSize(3);
	}

	@Test
	void aKeyOlderThanTheWindowStandsForNothingAnyMore() {
		long itemId = this.data.createAdvertisement();
		String key = UUID.randomUUID().toString();
		long first = taskId(submit(itemId, key));
		this.jdbc.sql("update submission_keys set created_at = now() - interval '25 hours' where key = :key")
			.param("key", SubmissionController.scoped(null, key))
			.update();

		MvcTestResult afterWindow = submit(this.data.createAdvertisement(), key);

		assertThat(afterWindow).hasStatus(202).doesNotContainHeader(SubmissionController.IDEMPOTENT_REPLAYED);
		assertThat(taskId(afterWindow)).isNotEqualTo(first);
		assertThat(submit(itemId, key)).as("the key now stands for the new request's item").hasStatus(422);
	}

	@Test
	void expiredKeysArePurged() {
		String key = UUID.randomUUID().toString();
		submit(this.data.createAdvertisement(), key);
		this.jdbc.sql("update submission_keys set created_at = now() - interval '25 hours' where key = :key")
			.param("key", SubmissionController.scoped(null, key))
			.update();

		assertThat(this.idempotentSubmissions.purgeExpiredKeys()).isGreaterThanOrEqualTo(1);

		assertThat(this.jdbc.sql("select count(*) from submission_keys where key = :key")
			.param("key", SubmissionController.scoped(null, key))
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void concurrentFirstUsesOfOneKeyShareOneTask() throws Exception {
		long itemId = this.data.createAdvertisement();
		String key = UUID.randomUUID().toString();
		long tasksBefore = this.data.countTasks();

		ExecutorService clients = Executors.newFixedThreadPool(16);
		List<Future<Long>> answers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			answers.add(clients.submit(() -> this.idempotentSubmissions.submit(itemId, key, null).taskId()));
		}
		clients.shutdown();
		assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		Set<Long> taskIds = new HashSet<>();
		for (Future<Long> answer : answers) {
			taskIds.add(answer.get());
		}
		assertThat(taskIds).hasSize(1);
		assertThat(this.data.countTasks()).isEqualTo(tasksBefore + 1);
	}

	@Test
	void aKeyWhoseAdDoesNotExistIsNotStoredAndStaysFree() {
		String key = UUID.randomUUID().toString();
		long tasksBefore = this.data.countTasks();

		assertThat(submit(987654321L, key)).hasStatus(404);
		assertThat(this.data.countTasks()).isEqualTo(tasksBefore);

		assertThat(submit(this.data.createAdvertisement(), key)).hasStatus(202)
			.doesNotContainHeader(SubmissionController.IDEMPOTENT_REPLAYED);
	}

	@ParameterizedTest
	@ValueSource(strings = { " ", "with space", "tab\tinside", "кириллица" })
	void anUnusableKeyIsABadRequestAndWritesNothing(String key) {
		long itemId = this.data.createAdvertisement();
		long tasksBefore = this.data.countTasks();

		MvcTestResult result = submit(itemId, key);

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid Idempotency-Key");
		assertThat(this.data.countTasks()).isEqualTo(tasksBefore);
	}

	@Test
	void aKeyLongerThan255CharactersIsABadRequest() {
		assertThat(submit(this.data.createAdvertisement(), "k".repeat(256))).hasStatus(400);
		assertThat(submit(this.data.createAdvertisement(), "k".repeat(255))).hasStatus(202);
	}

	private MvcTestResult submit(long itemId, String key) {
		return this.mvc.post()
			.uri("/async_predict?item_id=" + itemId)
			.header(SubmissionController.IDEMPOTENCY_KEY, key)
			.exchange();
	}

	private long taskId(MvcTestResult result) {
		return this.json.readTree(result.getResponse().getContentAsByteArray()).get("task_id").longValue();
	}

}
