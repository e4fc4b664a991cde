package org.admoderation.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.admoderation.common.messaging.Topics;
import org.admoderation.testsupport.TerminalTransitions;
import org.admoderation.testsupport.TestInfrastructure;
import org.admoderation.testsupport.TopicRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * What the flow tests do from the outside: HTTP calls to the API, rows in PostgreSQL,
 * records on the broker. Nothing here reaches into the services.
 */
final class FlowFixtures implements AutoCloseable {

	static final String WORKER_GROUP = "moderation-workers";

	private static final Pattern JDBC_HOST_PORT = Pattern.compile("//([^/]+:\\d+)/");

	final JsonMapper json = JsonMapper.builder().build();

	final JdbcClient jdbc;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final KafkaProducer<String, String> producer;

	private final Admin admin;

	FlowFixtures() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
				TestInfrastructure.jdbcUrl(), TestInfrastructure.username(), TestInfrastructure.password());
		this.jdbc = JdbcClient.create(dataSource);
		Map<String, Object> producerConfig = new HashMap<>();
		producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
		producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		this.producer = new KafkaProducer<>(producerConfig);
		this.admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()));
	}

	void installTerminalWriteCounter() {
		TerminalTransitions.install(this.jdbc);
	}

	int terminalWrites(long taskId) {
		return TerminalTransitions.count(this.jdbc, taskId);
	}

	/** A new seller and advertisement; returns the advertisement id. */
	long createAdvertisement(boolean sellerVerified, String title, String description, int category, int price,
			int imagesQty) {
		long sellerId = this.jdbc.sql("insert into sellers (name, is_verified) values (:name, :verified) returning id")
			.param("name", "seller-" + UUID.randomUUID())
			.param("verified", sellerVerified)
			.query(Long.class)
			.single();
		return this.jdbc.sql("""
				insert into advertisements (seller_id, title, description, category, price, images_qty)
				values (:sellerId, :title, :description, :category, :price, :images) returning id
				""")
			.param("sellerId", sellerId)
			.param("title", title)
			.param("description", description)
			.param("category", category)
			.param("price", price)
			.param("images", imagesQty)
			.query(Long.class)
			.single();
	}

	long createAdvertisement() {
		return createAdvertisement(true, "Ноутбук Lenovo ThinkPad",
				"Ноутбук в хорошем состоянии, батарея держит 5 часов, "
						+ "зарядное устройство в комплекте. Самовывоз или доставка по городу.",
				1, 35000, 4);
	}

	/**
	 * Puts back a deleted advertisement under its old id, as an operator fixing the data
	 * would.
	 */
	void restoreAdvertisement(long itemId) {
		long sellerId = this.jdbc.sql("insert into sellers (name, is_verified) values ('restored', true) returning id")
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				insert into advertisements (id, seller_id, title, description, category, price, images_qty)
				values (:id, :sellerId, 'Ноутбук', 'Ноутбук в хорошем состоянии, зарядка в комплекте.', 1, 35000, 4)
				""").param("id", itemId).param("sellerId", sellerId).update();
	}

	HttpResponse<String> postJson(int port, String path, String json, String adminKey) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.header("Content-Type", "application/json")
			.header("X-Admin-Key", adminKey)
			.timeout(Duration.ofSeconds(30))
			.build());
	}

	void deleteAdvertisement(long itemId) {
		this.jdbc.sql("delete from advertisements where id = :id").param("id", itemId).update();
	}

	/** host:port of the test PostgreSQL, as its JDBC URL names it. */
	static String postgresAddress() {
		Matcher matcher = JDBC_HOST_PORT.matcher(TestInfrastructure.jdbcUrl());
		if (!matcher.find()) {
			throw new IllegalStateException("No host:port in " + TestInfrastructure.jdbcUrl());
		}
		return matcher.group(1);
	}

	/** The test PostgreSQL's JDBC URL with its host:port replaced, e.g. by a proxy's. */
	static String jdbcUrlThrough(String address) {
		return JDBC_HOST_PORT.matcher(TestInfrastructure.jdbcUrl()).replaceFirst("//" + address + "/");
	}

	String taskColumn(long taskId, String column) {
		return this.jdbc.sql("select " + column + "::text from moderation_results where id = :id")
			.param("id", taskId)
			.query(String.class)
			.single();
	}

	long countTasks() {
		return this.jdbc.sql("select count(*) from moderation_results").query(Long.class).single();
	}

	/**
	 * @param headers names and values, alternating
	 */
	HttpResponse<String> post(int port, String pathAndQuery, String... headers) {
		return send(request(port, pathAndQuery, headers).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	/**
	 * @param headers names and values, alternating
	 */
	HttpResponse<String> get(int port, String path, String... headers) {
		return send(request(port, path, headers).GET().build());
	}

	private static HttpRequest.Builder request(int port, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30));
		return (headers.length > 0) ? request.headers(headers) : request;
	}

	/**
	 * A file of the repository, read from this module's directory (Maven's working one).
	 */
	static String repositoryFile(String path) {
		try {
			return Files.readString(Path.of("..").resolve(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Submits through the API and returns the task id.
	 * @param headers names and values, alternating
	 */
	long submit(int port, long itemId, String... headers) {
		HttpResponse<String> response = post(port, "/async_predict?item_id=" + itemId, headers);
		if (response.statusCode() != 202) {
			throw new IllegalStateException("Expected 202, got " + response.statusCode() + ": " + response.body());
		}
		return this.json.readTree(response.body()).get("task_id").longValue();
	}

	JsonNode result(int port, long taskId) {
		return this.json.readTree(get(port, "/moderation_result/" + taskId).body());
	}

	String status(int port, long taskId) {
		return result(port, taskId).get("status").stringValue();
	}

	void produce(int partition, String key, String value) throws ExecutionException, InterruptedException {
		this.producer.send(new ProducerRecord<>(Topics.MODERATION, partition, key, value)).get();
	}

	void produce(String key, String value) throws ExecutionException, InterruptedException {
		this.producer.send(new ProducerRecord<>(Topics.MODERATION, key, value)).get();
	}

	int moderationPartitions() throws ExecutionException, InterruptedException {
		return this.admin.describeTopics(List.of(Topics.MODERATION))
			.allTopicNames()
			.get()
			.get(Topics.MODERATION)
			.partitions()
			.size();
	}

	/** Every record on moderation_dlq so far, as (key, value) pairs. */
	List<ConsumerRecord<String, String>> deadLetters() {
		return records(Topics.MODERATION_DLQ);
	}

	/** Dead letters whose record key matches. */
	List<ConsumerRecord<String, String>> deadLettersWhoseKey(java.util.function.Predicate<String> key) {
		return deadLetters().stream().filter((record) -> record.key() != null && key.test(record.key())).toList();
	}

	/** Every record on a topic so far. */
	List<ConsumerRecord<String, String>> records(String topic) {
		return TopicRecords.readAll(TestInfrastructure.kafkaBootstrapServers(), topic);
	}

	/** Dead letters whose original message carries this task id. */
	List<JsonNode> deadLettersOfTask(long taskId) {
		return deadLetters().stream()
			.map((record) -> this.json.readTree(record.value()))
			.filter((value) -> value.path("original_message").path("task_id").asLong(-1) == taskId)
			.toList();
	}

	/**
	 * Partitions of moderation where the worker group has not committed up to the end,
	 * with the gap.
	 */
	Map<Integer, Long> workerLag() throws ExecutionException, InterruptedException {
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(WORKER_GROUP)
			.partitionsToOffsetAndMetadata()
			.get();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int p = 0; p < moderationPartitions(); p++) {
			latest.put(new TopicPartition(Topics.MODERATION, p), OffsetSpec.latest());
		}
		Map<Integer, Long> lag = new HashMap<>();
		this.admin.listOffsets(latest).all().get().forEach((partition, end) -> {
			OffsetAndMetadata offset = committed.get(partition);
			long gap = end.offset() - ((offset != null) ? offset.offset() : 0);
			if (gap > 0) {
				lag.put(partition.partition(), gap);
			}
		});
		return lag;
	}

	/** Member id -> partitions of moderation assigned to it, in the worker group. */
	Map<String, List<Integer>> workerAssignments() throws ExecutionException, InterruptedException {
		ConsumerGroupDescription group = this.admin.describeConsumerGroups(List.of(WORKER_GROUP))
			.describedGroups()
			.get(WORKER_GROUP)
			.get();
		return group.members()
			.stream()
			.collect(Collectors.toMap((member) -> member.consumerId(),
					(member) -> member.assignment()
						.topicPartitions()
						.stream()
						.filter((tp) -> tp.topic().equals(Topics.MODERATION))
						.map(TopicPartition::partition)
						.sorted()
						.toList()));
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
		this.admin.close();
	}

}
