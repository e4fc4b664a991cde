package org.admoderation.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.admoderation.system.InvariantChecker.Result;
import org.admoderation.system.ModerationCluster.Worker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults that happen in production, under load of 1,000 submitted tasks each, against
 * real processes; the invariants of docs/design.md checked after every scenario.
 * {@code system-tests/run.sh} runs the short suite (the scenarios marked short, also in
 * CI) or {@code system-tests/run.sh full}.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class FaultScenarioTests {

	private static final int TASKS = 1000;

	private static final int PER_SECOND = 150;

	private final boolean full = "full".equals(System.getProperty("faults.suite", "short"));

	private final List<Result> results = new ArrayList<>();

	private final List<String> fuzzRows = new ArrayList<>();

	private ModerationCluster cluster;

	private InvariantChecker checker;

	private List<Long> advertisements;

	@BeforeAll
	void startCluster() throws IOException {
		Path workDirectory = Path.of(System.getProperty("faults.workDirectory"));
		this.cluster = ModerationCluster.inEmptyDirectory(workDirectory, 1);
		this.cluster.startApi();
		this.cluster.installTerminalTransitionCounter();
		this.advertisements = this.cluster.createAdvertisements(200);
		this.cluster.startWorker();
		this.cluster.startWorker();
		this.checker = new InvariantChecker(this.cluster);
	}

	@AfterAll
	void report() throws IOException {
		String table = Result.header() + "\n" + String.join("\n", this.results.stream().map(Result::row).toList())
				+ "\n";
		if (!this.fuzzRows.isEmpty()) {
			table += "\n| Kafka fuzz: records sent | bad records | dead letters | good tasks completed | lost | lag "
					+ "(stalls) | workers' peak RSS |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
					+ String.join("\n", this.fuzzRows) + "\n";
		}
		Path report = Path.of(System.getProperty("faults.report"));
		Files.writeString(report, table);
		System.out.println("\n" + table);
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	/**
	 * schemathesis against the live API's OpenAPI document with every check: examples,
	 * boundary values, random and schema-violating requests, with the admin key so that
	 * redrive is reached. Zero failures, and the API still answers afterwards.
	 */
	@Test
	@Order(0)
	void httpFuzzerFindsNothingInTheApiDocument() throws Exception {
		String adminKey = "fault-suite-admin-key";
		this.cluster.startApi("--moderation.admin.api-key=" + adminKey);
		Path log = this.cluster.workDirectory.resolve("schemathesis.log");
		ProcessBuilder fuzzer = new ProcessBuilder(System.getProperty("faults.schemathesis"), "--config-file",
				System.getProperty("faults.schemathesisConfig"), "run", "--checks", "all", "--no-color",
				"http://127.0.0.1:" + this.cluster.apiPort() + "/v3/api-docs")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		fuzzer.environment().put("MODERATION_ADMIN_API_KEY", adminKey);
		Process run = fuzzer.start();
		boolean finished = run.waitFor(10, TimeUnit.MINUTES);
		String report = Files.readString(log);
		report.lines()
			.filter((line) -> line.contains("generated") || line.contains("failures in"))
			.forEach((line) -> System.out.println("schemathesis: " + line.strip()));

		assertThat(finished).as("schemathesis finished within 10 minutes").isTrue();
		assertThat(run.exitValue()).as("schemathesis exit status; its report:\n%s", report).isZero();

		// The issue's reproductions against the jar: 120 MB to redrive without a key, and
		// what urllib, HTML forms and curl -d send.
		assertThat(hugeAnonymousRedrive()).startsWith("HTTP/1.1 413");
		long item = this.advertisements.get(0);
		for (String contentType : List.of("application/x-www-form-urlencoded", "text/plain")) {
			HttpResponse<String> answer = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(
							URI.create("http://127.0.0.1:" + this.cluster.apiPort() + "/async_predict?item_id=" + item))
					.header("Content-Type", contentType)
					.POST(HttpRequest.BodyPublishers.ofString("item_id=" + item))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(contentType).isEqualTo(202);
		}
		ModerationCluster.awaitReady(this.cluster.apiManagementPort());
	}

	@Test
	@Order(1)
	void workerKilledWithSigkillMidStreamThenRestarted() throws Exception {
		LoadGenerator load = startLoad();
		await().atMost(Duration.ofSeconds(30)).until(() -> load.submitted() >= 300);
		Worker victim = this.cluster.workers().get(0);

		victim.process().kill();
		hold(Duration.ofSeconds(5));
		this.cluster.restart(victim);

		load.awaitDone();
		record(this.checker.check("worker SIGKILL mid-stream, restarted", load.accepted(), Set.of(), Instant.now()));
	}

	@Test
	@Order(2)
	void brokerStoppedFor20SecondsUnderLoad() throws Exception {
		LoadGenerator load = startLoad();
		await().atMost(Duration.ofSeconds(30)).until(() -> load.submitted() >= 200);

		this.cluster.kafka.stop();
		hold(Duration.ofSeconds(20));
		this.cluster.kafka.start();
		Instant restored = Instant.now();

		load.awaitDone();
		record(this.checker.check("broker stopped 20 s", load.accepted(), Set.of(), restored));
	}

	@Test
	@Order(3)
	void poisonRecordsAndRepeatedDeliveriesInterleavedWithGoodOnes() throws Exception {
		// Tasks that must fail, so the failed set and the dead-letter set are not both
		// empty.
		LoadGenerator doomed = acceptTasksWhoseAdsAreThenDeleted(50);

		LoadGenerator load = startLoad();
		try (KafkaProducer<String, String> producer = producer()) {
			await().atMost(Duration.ofSeconds(30)).until(() -> load.accepted().size() >= 100);
			List<String> poison = List.of("not json", "", "{\"item_id\": 1}", "{\"task_id\": \"x\", \"item_id\": 1}",
					"{\"task_id\": 1.5, \"item_id\": []}", "{\"task_id\": 999999999, \"item_id\": 1}",
					"x".repeat(1_000_000));
			for (int round = 0; round < 3; round++) {
				for (String value : poison) {
					producer.send(new ProducerRecord<>("moderation", "poison-" + round, value)).get();
				}
				// The same messages again, for tasks already accepted (and maybe already
				// done).
				for (Long taskId : List.copyOf(load.accepted()).subList(0, 20)) {
					long itemId = this.cluster.jdbc.sql("select item_id from moderation_results where id = :id")
						.param("id", taskId)
						.query(Long.class)
						.single();
					String message = "{\"task_id\": " + taskId + ", \"item_id\": " + itemId + "}";
					producer.send(new ProducerRecord<>("moderation", taskId.toString(), message)).get();
					producer.send(new ProducerRecord<>("moderation", taskId.toString(), message)).get();
				}
			}
		}
		load.awaitDone();
		Set<Long> accepted = new HashSet<>(load.accepted());
		accepted.addAll(doomed.accepted());
		Result result = this.checker.check("poison records + repeated deliveries + deleted ads", accepted,
				Set.of("Advertisement not found"), Instant.now());
		record(result);
		assertThat(result.failed()).isEqualTo(doomed.accepted().size());
	}

	@Test
	@Order(4)
	void workerStoppedWithSigtermProcessesNothingTwice() throws Exception {
		assumeTrue(this.full, "full suite only");
		LoadGenerator load = startLoad();
		await().atMost(Duration.ofSeconds(30)).until(() -> load.submitted() >= 300);
		Worker stopped = this.cluster.workers().get(1);

		stopped.process().stop(Duration.ofSeconds(30));
		hold(Duration.ofSeconds(3));
		this.cluster.restart(stopped);

		load.awaitDone();
		Result result = this.checker.check("worker SIGTERM (graceful), restarted", load.accepted(), Set.of(),
				Instant.now());
		record(result);
		long processedTwice = this.cluster.jdbc
			.sql("select count(*) from moderation_results where id = any(:ids) and attempts > 1")
			.param("ids", load.accepted().toArray(Long[]::new))
			.query(Long.class)
			.single();
		assertThat(processedTwice).as("tasks a worker took more than once after a graceful stop").isZero();
	}

	@Test
	@Order(5)
	void postgresStoppedFor20SecondsUnderLoad() throws Exception {
		assumeTrue(this.full, "full suite only");
		LoadGenerator load = startLoad();
		await().atMost(Duration.ofSeconds(30)).until(() -> load.submitted() >= 200);

		this.cluster.postgres.stop();
		hold(Duration.ofSeconds(20));
		this.cluster.postgres.start();
		Instant restored = Instant.now();

		load.awaitDone();
		record(this.checker.check("PostgreSQL stopped 20 s", load.accepted(), Set.of(), restored));
	}

	@Test
	@Order(6)
	void apiKilledWithSigkillBetweenCommitAndPublishThenRestarted() throws Exception {
		assumeTrue(this.full, "full suite only");
		// The test hook: an API whose relay never runs commits tasks but publishes none,
		// so killing it leaves every accepted task between its commit and its publish.
		this.cluster.startApi("--moderation.outbox.relay-enabled=false");
		LoadGenerator beforeKill = startLoad();
		await().atMost(Duration.ofSeconds(30)).until(() -> beforeKill.accepted().size() >= 300);

		this.cluster.api().kill();
		beforeKill.awaitDone();
		long unpublished = this.cluster.jdbc
			.sql("select count(*) from moderation_results where id = any(:ids) and publishes = 0")
			.param("ids", beforeKill.accepted().toArray(Long[]::new))
			.query(Long.class)
			.single();
		assertThat(unpublished).isEqualTo(beforeKill.accepted().size());
		this.cluster.startApi();
		Instant restored = Instant.now();
		LoadGenerator afterRestart = new LoadGenerator();
		afterRestart.start(this.cluster.apiPort(), this.advertisements, TASKS - beforeKill.accepted().size(),
				PER_SECOND);
		afterRestart.awaitDone();

		Set<Long> accepted = new HashSet<>(beforeKill.accepted());
		accepted.addAll(afterRestart.accepted());
		record(this.checker.check("API SIGKILL between commit and publish, restarted", accepted, Set.of(), restored));
	}

	@Test
	@Order(7)
	void workersScaledTwoToFourToOneUnderLoad() throws Exception {
		assumeTrue(this.full, "full suite only");
		LoadGenerator load = startLoad();
		await().atMost(Duration.ofSeconds(30)).until(() -> load.submitted() >= 200);

		Worker third = this.cluster.startWorker();
		Worker fourth = this.cluster.startWorker();
		await().atMost(Duration.ofSeconds(30)).until(() -> load.submitted() >= 600);
		List<Worker> leaving = List.of(this.cluster.workers().get(1), third, fourth);
		leaving.forEach((worker) -> worker.process().stop(Duration.ofSeconds(30)));
		Instant scaledDown = Instant.now();

		load.awaitDone();
		record(this.checker.check("workers scaled 2 -> 4 -> 1", load.accepted(), Set.of(), scaledDown));
		this.cluster.restart(this.cluster.workers().get(1));
	}

	@Test
	@Order(8)
	void deadLetterTopicUnavailableWhileTasksFail() throws Exception {
		assumeTrue(this.full, "full suite only");
		// A topic that accepts no record (max.message.bytes = 1): every write to
		// moderation_dlq fails, and only to it, while the broker and `moderation` stay
		// healthy.
		setDeadLetterTopicMaxMessageBytes("1");
		LoadGenerator doomed = acceptTasksWhoseAdsAreThenDeleted(50);
		LoadGenerator load = startLoad();
		Long[] ids = doomed.accepted().toArray(Long[]::new);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.cluster.jdbc
				.sql("select count(*) from moderation_results where id = any(:ids) and status = 'failed'")
				.param("ids", ids)
				.query(Long.class)
				.single() == ids.length);
		hold(Duration.ofSeconds(10));
		long waiting = this.cluster.jdbc
			.sql("select count(*) from dead_letters where task_id = any(:ids) and published_at is null")
			.param("ids", ids)
			.query(Long.class)
			.single();
		assertThat(waiting).as("dead letters waiting while the topic refuses writes").isEqualTo(ids.length);

		setDeadLetterTopicMaxMessageBytes("1048588");
		Instant restored = Instant.now();

		load.awaitDone();
		Set<Long> accepted = new HashSet<>(load.accepted());
		accepted.addAll(doomed.accepted());
		Result result = this.checker.check("moderation_dlq unavailable while tasks fail", accepted,
				Set.of("Advertisement not found"), restored);
		record(result);
		assertThat(result.failed()).isEqualTo(doomed.accepted().size());
	}

	/**
	 * Thousands of hostile records (KafkaFuzz) produced to every partition while 1,000
	 * good tasks are submitted: every good task completes, every hostile record gets at
	 * most one dead letter (exactly one where it is malformed) and they all reach
	 * moderation_dlq, no partition stalls, the workers stay up within their memory.
	 */
	@Test
	@Order(9)
	void kafkaFuzzInterleavedWithGoodSubmissions() throws Exception {
		int count = this.full ? 10_000 : 2_000;
		long seed = Long.getLong("faults.fuzzSeed", System.nanoTime());
		List<KafkaFuzz.DoneTask> done = this.cluster.jdbc
			.sql("select id, item_id from moderation_results where status = 'completed' order by id desc limit 200")
			.query((rs, row) -> new KafkaFuzz.DoneTask(rs.getLong(1), rs.getLong(2)))
			.list();
		KafkaFuzz fuzz = new KafkaFuzz(seed, done);
		int partitions = moderationPartitions();
		Map<String, KafkaFuzz.Kind> sent = new HashMap<>();
		Map<KafkaFuzz.Kind, Integer> kinds = new EnumMap<>(KafkaFuzz.Kind.class);
		Map<Long, Long> workerPids = new HashMap<>();
		this.cluster.workers().forEach((worker) -> workerPids.put(worker.process().pid(), 0L));

		long dlqBefore = deadLetterTopicEnd();
		LoadGenerator load = startLoad();
		try (KafkaProducer<byte[], byte[]> producer = byteProducer()) {
			List<java.util.concurrent.Future<RecordMetadata>> sends = new ArrayList<>();
			List<KafkaFuzz.Kind> sentKinds = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				KafkaFuzz.Hostile hostile = fuzz.next("moderation", i % partitions);
				sends.add(producer.send(hostile.record()));
				sentKinds.add(hostile.kind());
			}
			for (int i = 0; i < sends.size(); i++) {
				RecordMetadata metadata = sends.get(i).get();
				sent.put("moderation-" + metadata.partition() + "@" + metadata.offset(), sentKinds.get(i));
				kinds.merge(sentKinds.get(i), 1, Integer::sum);
			}
		}
		load.awaitDone();
		Result result = this.checker.check("Kafka fuzz: " + count + " hostile records among the submissions",
				load.accepted(), Set.of(), Instant.now());
		record(result);

		Map<String, Long> lettersPerRecord = new HashMap<>();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			lettersPerRecord.clear();
			this.cluster.jdbc.sql("""
					select split_part(source, ' ', 1), count(*), count(published_at) from dead_letters
					where source like 'moderation-%' group by 1
					""").query((rs) -> {
				if (sent.containsKey(rs.getString(1))) {
					lettersPerRecord.put(rs.getString(1), rs.getLong(2));
					if (rs.getLong(3) < rs.getLong(2)) {
						lettersPerRecord.put(rs.getString(1), -1L);
					}
				}
			});
			return sent.entrySet()
				.stream()
				.allMatch((entry) -> lettersPerRecord.getOrDefault(entry.getKey(),
						0L) == (entry.getValue().deadLettered ? 1 : 0));
		});
		long bad = sent.values().stream().filter((kind) -> kind.deadLettered).count();
		// On the topic too, not only in the table: no letter published twice. The round's
		// good tasks all complete, so every record added to moderation_dlq meanwhile is a
		// fuzz record's.
		long published = deadLetterTopicEnd() - dlqBefore;
		double peakRss = this.cluster.workers()
			.stream()
			.mapToDouble((worker) -> ManagedProcess.peakRssMib(worker.process().pid()))
			.max()
			.orElse(-1);
		String row = String.format("| %d (seed %d) | %d | %d | %d of %d | %d | %d | %.0f MiB |", count, seed, bad,
				published, result.completed(), result.accepted(), result.lost(), result.lag(), peakRss);
		this.fuzzRows.add(row);
		System.out.println("Kafka fuzz by kind: " + kinds);
		assertThat(this.cluster.workers()).allSatisfy((worker) -> {
			assertThat(worker.process().isAlive()).as("worker alive").isTrue();
			assertThat(workerPids).as("worker not restarted").containsKey(worker.process().pid());
		});
		assertThat(peakRss).as("workers' peak RSS, MiB").isBetween(1.0, 1024.0);
		assertThat(published).as("records added to moderation_dlq").isEqualTo(bad);
	}

	/**
	 * The headers of a 120 MB JSON body to /admin/redrive, without a key, and its first
	 * bytes; the status line the API answers with before the rest is sent.
	 */
	private String hugeAnonymousRedrive() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.cluster.apiPort())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /admin/redrive HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + (120L << 20) + "\r\n\r\n{\"task_ids\": [" + "1, ".repeat(10_000))
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			return String.valueOf(in.readLine());
		}
	}

	/** How many records moderation_dlq holds: the sum of its partitions' end offsets. */
	private long deadLetterTopicEnd() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.cluster.bootstrapServers()))) {
			Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ends = new HashMap<>();
			admin.describeTopics(List.of("moderation_dlq"))
				.allTopicNames()
				.get()
				.get("moderation_dlq")
				.partitions()
				.forEach((p) -> ends.put(new org.apache.kafka.common.TopicPartition("moderation_dlq", p.partition()),
						org.apache.kafka.clients.admin.OffsetSpec.latest()));
			return admin.listOffsets(ends).all().get().values().stream().mapToLong((end) -> end.offset()).sum();
		}
	}

	private int moderationPartitions() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.cluster.bootstrapServers()))) {
			return admin.describeTopics(List.of("moderation"))
				.allTopicNames()
				.get()
				.get("moderation")
				.partitions()
				.size();
		}
	}

	private KafkaProducer<byte[], byte[]> byteProducer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.bootstrapServers(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000, ProducerConfig.ACKS_CONFIG, "all"));
	}

	private void setDeadLetterTopicMaxMessageBytes(String value) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.cluster.bootstrapServers()))) {
			ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "moderation_dlq");
			admin
				.incrementalAlterConfigs(
						Map.of(topic,
								List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", value),
										AlterConfigOp.OpType.SET))))
				.all()
				.get();
		}
	}

	/**
	 * Accepts tasks while no worker runs, deletes their ads, then restarts the workers:
	 * each of these tasks must end failed with "Advertisement not found" and exactly one
	 * dead letter.
	 */
	private LoadGenerator acceptTasksWhoseAdsAreThenDeleted(int count) throws InterruptedException {
		this.cluster.workers().forEach((worker) -> worker.process().stop(Duration.ofSeconds(30)));
		List<Long> doomedAds = this.cluster.createAdvertisements(count);
		LoadGenerator doomed = new LoadGenerator();
		doomed.start(this.cluster.apiPort(), doomedAds, doomedAds.size(), PER_SECOND);
		doomed.awaitDone();
		this.cluster.jdbc.sql("delete from advertisements where id = any(:ids)")
			.param("ids", doomedAds.toArray(Long[]::new))
			.update();
		this.cluster.workers().forEach(this.cluster::restart);
		return doomed;
	}

	private LoadGenerator startLoad() {
		LoadGenerator load = new LoadGenerator();
		load.start(this.cluster.apiPort(), this.advertisements, TASKS, PER_SECOND);
		return load;
	}

	private void record(Result result) {
		record(result, TASKS / 2);
	}

	/** Adds a row to the report and fails the scenario if an invariant does not hold. */
	private void record(Result result, int minimumAccepted) {
		this.results.add(result);
		System.out.println(result.row());
		assertThat(result.accepted()).as("accepted tasks").isGreaterThanOrEqualTo(minimumAccepted);
		assertThat(result.holds()).as("invariants after %s: %s", result.scenario(), result).isTrue();
	}

	/** Keeps a fault in place for a while: a deliberate wait, not a synchronisation. */
	private static void hold(Duration duration) {
		await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
	}

	private KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.bootstrapServers(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000));
	}

}
