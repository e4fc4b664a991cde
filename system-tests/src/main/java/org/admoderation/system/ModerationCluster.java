package org.admoderation.system;

import java.io.File;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.admoderation.testsupport.TerminalTransitions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.awaitility.Awaitility.await;

/**
 * The system as separate processes: a PostgreSQL server, a Kafka broker, the API and
 * workers started from their executable jars with the same settings a deployment would
 * pass.
 */
final class ModerationCluster implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	final Path workDirectory;

	final PostgresServer postgres;

	/** The broker, or the first of the cluster's. */
	final KafkaBroker kafka;

	final List<KafkaBroker> brokers;

	final JdbcClient jdbc;

	private final String apiJar;

	private final String workerJar;

	/** The API's heap. */
	static final String API_HEAP = "384m";

	/**
	 * The worker's heap, a quarter of its 768 MiB Kubernetes limit as deployed
	 * (deploy/k8s/worker-deployment.yaml): its live set is under 50 MiB, while the
	 * sentence encoder takes about 240 MiB outside the heap and the JVM itself about 150;
	 * a heap the serial collector may grow to 384 MiB would carry the worker past its 640
	 * MiB target for no gain.
	 */
	static final String WORKER_HEAP = "192m";

	/**
	 * As the image sets it (Dockerfile): two glibc malloc arenas instead of one per
	 * thread and core, which keep freed native memory (onnxruntime's, the JIT's)
	 * resident.
	 */
	static final Map<String, String> SERVICE_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

	private ManagedProcess api;

	private int apiPort;

	private int apiManagementPort;

	private final List<Worker> workers = new ArrayList<>();

	private int workerCount;

	ModerationCluster(Path workDirectory, String classpath, String apiJar, String workerJar) {
		this(workDirectory, classpath, apiJar, workerJar, 1);
	}

	/**
	 * @param brokerCount 1 for a single broker; more for a cluster, whose topics the
	 * services create as production has them: 3 replicas, 2 in sync, written with
	 * acks=all
	 */
	ModerationCluster(Path workDirectory, String classpath, String apiJar, String workerJar, int brokerCount) {
		this.workDirectory = workDirectory;
		this.apiJar = apiJar;
		this.workerJar = workerJar;
		try {
			Files.createDirectories(workDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.postgres = new PostgresServer(workDirectory);
		this.postgres.initialize();
		this.brokers = (brokerCount == 1) ? List.of(KafkaBroker.single(workDirectory, classpath))
				: KafkaBroker.cluster(workDirectory, classpath, brokerCount);
		this.kafka = this.brokers.get(0);
		this.brokers.forEach(KafkaBroker::launch);
		this.brokers.forEach(KafkaBroker::awaitListening);
		this.jdbc = JdbcClient
			.create(new SimpleDriverDataSource(new org.postgresql.Driver(), this.postgres.jdbcUrl(), "postgres", ""));
		// A suite interrupted with Ctrl-C or SIGTERM must not leave a PostgreSQL server
		// or a broker running on the machine.
		Runtime.getRuntime().addShutdownHook(new Thread(this::close, "fault-cluster-shutdown"));
	}

	/** Every broker, as clients list them. */
	String bootstrapServers() {
		return String.join(",", this.brokers.stream().map(KafkaBroker::bootstrapServers).toList());
	}

	/**
	 * A cluster in an emptied work directory, with the classpath and the service jars the
	 * suite's Maven configuration passes as system properties.
	 * @param brokerCount 1, or more for a cluster of brokers
	 */
	static ModerationCluster inEmptyDirectory(Path workDirectory, int brokerCount) {
		if (Files.exists(workDirectory)) {
			try (var paths = Files.walk(workDirectory)) {
				paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return new ModerationCluster(workDirectory,
				System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
				System.getProperty("faults.apiJar"), System.getProperty("faults.workerJar"), brokerCount);
	}

	int apiPort() {
		return this.apiPort;
	}

	/**
	 * Starts the API (which migrates the schema) and waits until it is ready; a running
	 * one is stopped first.
	 * @param extra further arguments, e.g. a switch a scenario needs
	 */
	void startApi(String... extra) {
		if (this.api != null) {
			this.api.stop(Duration.ofSeconds(30));
		}
		this.apiPort = Ports.free();
		int managementPort = Ports.free();
		this.apiManagementPort = managementPort;
		List<String> arguments = new ArrayList<>(
				List.of("--management.server.port=" + managementPort, "--moderation.outbox.poll-interval=200ms",
						"--moderation.outbox.retry-backoff=1s", "--moderation.outbox.processing-timeout=60s"));
		arguments.addAll(List.of(extra));
		this.api = service("api", this.apiJar, this.apiPort, serviceJvmOptions(API_HEAP), arguments);
		this.api.start();
		awaitReady(managementPort);
	}

	int apiManagementPort() {
		return this.apiManagementPort;
	}

	ManagedProcess api() {
		return this.api;
	}

	/** Starts another worker and waits until it is ready. */
	Worker startWorker() {
		int port = Ports.free();
		List<String> arguments = new ArrayList<>(
				List.of("--spring.flyway.enabled=false", "--spring.kafka.consumer.properties.session.timeout.ms=6000",
						"--spring.kafka.consumer.properties.heartbeat.interval.ms=1000"));
		// e.g. -Dcluster.workerArguments=--spring.kafka.listener.concurrency=2 to compare
		// settings
		arguments.addAll(words(System.getProperty("cluster.workerArguments", "")));
		ManagedProcess process = service("worker-" + (++this.workerCount), this.workerJar, port,
				serviceJvmOptions(WORKER_HEAP), arguments);
		Worker worker = new Worker(process, port);
		process.start();
		awaitReady(port);
		this.workers.add(worker);
		return worker;
	}

	void restart(Worker worker) {
		worker.process().start();
		awaitReady(worker.port());
	}

	PostgresServer postgres() {
		return this.postgres;
	}

	List<Worker> workers() {
		return this.workers;
	}

	void stopWorkers() {
		this.workers.forEach((worker) -> worker.process().stop(Duration.ofSeconds(30)));
		this.workers.clear();
	}

	private ManagedProcess service(String name, String jar, int port, List<String> jvmOptions, List<String> extra) {
		List<String> command = new ArrayList<>(List.of(KafkaBroker.javaExecutable()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar, "--server.port=" + port,
				"--spring.datasource.url=" + this.postgres.jdbcUrl(), "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
				"--spring.kafka.admin.operation-timeout=5s", "--logging.level.org.apache.kafka=WARN",
				"--moderation.dead-letters.poll-interval=200ms"));
		if (this.brokers.size() > 1) {
			command.addAll(List.of("--moderation.topics.replication-factor=" + Math.min(3, this.brokers.size()),
					"--moderation.topics.min-insync-replicas=2"));
		}
		command.addAll(extra);
		return new ManagedProcess(name, command, SERVICE_ENVIRONMENT, this.workDirectory.resolve(name + ".log"));
	}

	/**
	 * Heap and GC as a deployment would set them, plus {@code cluster.jvmOptions}: fault
	 * runs start many JVMs and favour quick start-up (C1 only, the default); the
	 * benchmark passes the full JIT, as deployed.
	 * @param heap the role's maximum heap, e.g. {@link #WORKER_HEAP}
	 */
	static List<String> serviceJvmOptions(String heap) {
		List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseSerialGC"));
		options.addAll(words(System.getProperty("cluster.jvmOptions", "-XX:TieredStopAtLevel=1")));
		return options;
	}

	/** A system property's space-separated words, none when it is blank. */
	private static List<String> words(String value) {
		return Arrays.stream(value.split("\\s+")).filter((word) -> !word.isBlank()).toList();
	}

	static void awaitReady(int port) {
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
			HttpResponse<Void> response = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		});
	}

	/** Ads of a verified seller, plain enough to be approved, for the load to submit. */
	List<Long> createAdvertisements(int count) {
		List<Long> ids = new ArrayList<>();
		long seller = this.jdbc
			.sql("insert into sellers (name, is_verified) values ('Fault suite seller', true) returning id")
			.query(Long.class)
			.single();
		for (int i = 0; i < count; i++) {
			ids.add(this.jdbc.sql("""
					insert into advertisements (seller_id, title, description, category, price, images_qty)
					values (:seller, :title, :description, :category, :price, 4) returning id
					""")
				.param("seller", seller)
				.param("title", "Объявление " + i)
				.param("description", "Продаю вещь в хорошем состоянии, самовывоз или доставка. Номер " + i)
				.param("category", 1 + (i % 8))
				.param("price", 1000 + 37 * i)
				.query(Long.class)
				.single());
		}
		return ids;
	}

	/** Counts every write that made a task terminal; invariant: exactly one per task. */
	void installTerminalTransitionCounter() {
		TerminalTransitions.install(this.jdbc);
	}

	@Override
	public synchronized void close() {
		this.workers.forEach((worker) -> worker.process().kill());
		if (this.api != null) {
			this.api.kill();
		}
		this.brokers.forEach(KafkaBroker::kill);
		try {
			this.postgres.stop();
		}
		catch (RuntimeException ex) {
			// already stopped by a scenario
		}
	}

	/** A worker process and its HTTP port. */
	record Worker(ManagedProcess process, int port) {

	}

}
