package org.admoderation.api.submission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.admoderation.api.ApiIntegrationTest;
import org.admoderation.common.messaging.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The API on a real PostgreSQL and a real broker: what it commits and what it publishes.
 */
@ApiIntegrationTest
class SubmissionIntegrationTests {

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
	private KafkaProperties kafkaProperties;

	@Autowired
	private SubmissionService submissions;

	@ParameterizedTest
	@ValueSource(strings = { "item_id=abc", "item_id=0", "item_id=-1", "item_id=9223372036854775808", "" })
	void refusedSubmissionWritesNothing(String query) {
		long tasksBefore = this.data.countTasks();

		MvcTestResult result = this.mvc.post().uri("/async_predict?" + query).exchange();

		assertThat(result).hasStatus(400);
		assertThat(this.data.countTasks()).isEqualTo(tasksBefore);
	}

	@Test
	void unknownAdvertisementIsNotFoundAndWritesNothing() {
		long tasksBefore = this.data.countTasks();

		MvcTestResult result = this.mvc.post().uri("/async_predict?item_id=987654321").exchange();

		assertThat(result).hasStatus(404);
		assertThat(this.data.countTasks()).isEqualTo(tasksBefore);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"item_id\": 0}", "{\"item_id\": \"1\"}", "{\"item_id\": 1.5}", "{}", "{oops" })
	void refusedJsonSubmissionWritesNothing(String body) {
		long tasksBefore = this.data.countTasks();

		MvcTestResult result = this.mvc.post()
			.uri("/async_predict")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();

		assertThat(result).hasStatus(400);
		assertThat(this.data.countTasks()).isEqualTo(tasksBefore);
	}

	@Test
	void acceptedSubmissionIsCommittedPendingAndPublishedKeyedByTaskId() {
		long itemId = this.data.createAdvertisement();

		MvcTestResult result = this.mvc.post().uri("/async_predict?item_id=" + itemId).exchange();

		assertThat(result).hasStatus(202);
		long taskId = this.json.readTree(result.getResponse().getContentAsByteArray()).get("task_id").longValue();
		assertThat(this.jdbc.sql("select status from moderation_results where id = :id")
			.param("id", taskId)
			.query(String.class)
			.single()).isEqualTo("pending");
		ConsumerRecord<String, String> published = awaitPublished(Long.toString(taskId));
		JsonNode message = this.json.readTree(published.value());
		assertThat(message.propertyNames()).containsExactlyInAnyOrder("task_id", "item_id", "timestamp");
		assertThat(message.get("task_id").longValue()).isEqualTo(taskId);
		assertThat(message.get("item_id").longValue()).isEqualTo(itemId);
		assertThat(message.get("timestamp").stringValue()).endsWith("Z");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.jdbc.sql("select publishes from moderation_results where id = :id")
				.param("id", taskId)
				.query(Integer.class)
				.single()).isEqualTo(1));
	}

	@Test
	void concurrentSubmissionsEachGetTheirOwnTaskForTheirOwnAd() throws Exception {
		List<Long> existing = List.of(this.data.createAdvertisement(), this.data.createAdvertisement(),
				this.data.createAdvertisement());
		long missing = 987654321L;
		long tasksBefore = this.data.countTasks();
		// 300 requests at once: writers batch them, with ads repeated within a batch and
		// missing ads mixed in.
		List<Long> requested = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			requested.add((i % 4 == 3) ? missing : existing.get(i % 3));
		}
		List<Future<Long>> answers = new ArrayList<>();
		ExecutorService clients = Executors.newFixedThreadPool(64);
		for (long itemId : requested) {
			answers.add(clients.submit(() -> this.submissions.submit(itemId, null)));
		}
		clients.shutdown();
		assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		Set<Long> taskIds = new HashSet<>();
		for (int i = 0; i < requested.size(); i++) {
			long itemId = requested.get(i);
			Future<Long> answer = answers.get(i);
			if (itemId == missing) {
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(answer::get)
					.withCauseInstanceOf(AdvertisementNotFound.class);
				continue;
			}
			long taskId = answer.get();
			assertThat(taskIds.add(taskId)).as("task %d answered twice", taskId).isTrue();
			assertThat(this.jdbc.sql("select item_id from moderation_results where id = :id and status = 'pending'")
				.param("id", taskId)
				.query(Long.class)
				.single()).isEqualTo(itemId);
		}
		assertThat(taskIds).hasSize(225);
		assertThat(this.data.countTasks()).isEqualTo(tasksBefore + 225);
	}

	private ConsumerRecord<String, String> awaitPublished(String key) {
		Map<String, Object> config = this.kafkaProperties.buildConsumerProperties();
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "submission-test-" + System.nanoTime());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
				new StringDeserializer())
			.createConsumer()) {
			consumer.subscribe(List.of(Topics.MODERATION));
			List<ConsumerRecord<String, String>> seen = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
				return seen.stream().anyMatch((record) -> key.equals(record.key()));
			});
			return seen.stream().filter((record) -> key.equals(record.key())).findFirst().orElseThrow();
		}
	}

}
