package org.admoderation.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.admoderation.api.ApiApplication;
import org.admoderation.worker.WorkerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Runs the moderation system on one machine with nothing but Java: an embedded
 * PostgreSQL, an embedded Kafka (KRaft) broker, the schema with demo data, the API and N
 * workers, each service in its own Spring context configured as it would be when
 * deployed. Ctrl-C stops everything in order: workers, API, broker, database.
 * <p>
 * Options (or environment variables): {@code --api-port=8003} ({@code API_PORT}),
 * {@code --management-port=9003} ({@code MANAGEMENT_PORT}), {@code --workers=1}
 * ({@code WORKERS}), {@code --postgres-port=5432} ({@code POSTGRES_PORT}),
 * {@code --kafka-port=9092} ({@code KAFKA_PORT}, where Redpanda Console, kcat and scripts
 * look). Each port is checked before anything starts: one that is taken stops the run
 * with one line naming it and its option. The workers' ports are free ones; the banner
 * prints them. The metrics need the metrics key and redrive the admin key:
 * {@code MODERATION_METRICS_API_KEY} and {@code MODERATION_ADMIN_API_KEY} if set, else
 * random ones made for this run and printed in the banner.
 */
public final class LocalRunner {

	private final List<ConfigurableApplicationContext> services = new ArrayList<>();

	private EmbeddedPostgres postgres;

	/**
	 * What this run started, the last first: what a stop closes. A step under way does
	 * not hold it, so Ctrl-C during a slow start stops what is up at once.
	 */
	private final Deque<AutoCloseable> started = new ArrayDeque<>();

	/** Set by the shutdown hook: a start still under way stops at its next step. */
	private boolean stopping;

	/** Set in the environment, or made for this run: never a fixed, committed key. */
	private final String adminKey = keyFromEnvironmentOrRandom("MODERATION_ADMIN_API_KEY");

	private final String metricsKey = keyFromEnvironmentOrRandom("MODERATION_METRICS_API_KEY");

	/** The one reviewer of a local run, named "reviewer". */
	private final String reviewerKey = keyFromEnvironmentOrRandom("MODERATION_REVIEWER_KEY");

	/** Exit status of a wrong option. */
	static final int USAGE = 2;

	/** Exit status when a port is taken or a part did not start. */
	static final int NOT_STARTED = 1;

	/** The broker's listener on {@code --kafka-port}. */
	private static final String LOCAL_LISTENER = "LOCAL";

	/** Where the libraries' logs go; the console has ours. */
	static final String LOG_FILE = System.getProperty("local.log.file", "target/local-run.log");

	public static void main(String[] args) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(USAGE);
			return;
		}
		Optional<String> busy = RequiredPort.firstBusy(options.requiredPorts());
		if (busy.isPresent()) {
			System.err.println(busy.get());
			System.exit(NOT_STARTED);
			return;
		}
		// Each service's context reloads logback.xml, which appends: a run starts the
		// file afresh here, before the first line is logged.
		try {
			Files.deleteIfExists(Path.of(LOG_FILE));
		}
		catch (IOException ex) {
			System.err.println("Could not clear " + LOG_FILE + ": " + ex.getMessage());
		}
		LocalRunner runner = new LocalRunner();
		// SIGINT (Ctrl-C) and SIGTERM alike: services first, then the broker and the
		// database they use.
		Runtime.getRuntime().addShutdownHook(new Thread(runner::stop, "local-runner-shutdown"));
		try {
			runner.start(options);
		}
		catch (StopRequested ex) {
			// Ctrl-C during the start: the shutdown hook stops what is up.
		}
		catch (Exception ex) {
			System.err.println("The local run did not start: " + ex + " (details in " + LOG_FILE + ")");
			System.exit(NOT_STARTED);
		}
	}

	private void start(Options options) throws IOException, SQLException {
		Path dataDirectory = Files.createTempDirectory("local-run-postgres-");
		synchronized (this.started) {
			// PostgreSQL is a process of its own: a stop waits for its start (pg_ctl's
			// own timeout bounds it) rather than leave it running after we exit. Our own
			// shutdown hook stops it, after the services that use it.
			requireNotStopping();
			this.postgres = EmbeddedPostgres.builder()
				.setPort(options.postgresPort())
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(true)
				.setRegisterShutdownHook(false)
				.start();
			this.started.push(this.postgres);
		}
		requireOurOwnPostgres(this.postgres.getPostgresDatabase(), dataDirectory);
		EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 6);
		// The KRaft test kit binds its own listeners to free ports whatever
		// kafkaPorts(..) says, so a listener of our own serves the fixed port; a client
		// that connects there is told to stay there.
		kafka.brokerProperty("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0," + LOCAL_LISTENER
				+ "://localhost:" + options.kafkaPort());
		kafka.brokerProperty("listener.security.protocol.map",
				"EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + LOCAL_LISTENER + ":PLAINTEXT");
		kafka.afterPropertiesSet();
		keep(kafka::destroy);
		Map<String, String> connection = new LinkedHashMap<>();
		connection.put("spring.datasource.url", this.postgres.getJdbcUrl("postgres", "postgres"));
		connection.put("spring.datasource.username", "postgres");
		connection.put("spring.datasource.password", "postgres");
		connection.put("spring.kafka.bootstrap-servers", kafkaAddress(options));
		// The console is logback.xml's: our services' INFO lines, anyone's errors.
		connection.put("spring.main.banner-mode", "off");

		connection.put("moderation.admin.api-key", this.adminKey);
		connection.put("moderation.admin.metrics-key", this.metricsKey);
		connection.put("moderation.reviewers.keys", "reviewer:" + this.reviewerKey);

		Map<String, String> api = new LinkedHashMap<>(connection);
		api.put("server.port", Integer.toString(options.apiPort()));
		api.put("management.server.port", Integer.toString(options.managementPort()));
		api.put("spring.flyway.locations", "classpath:db/migration,classpath:db/demo");
		this.services.add(keep(run(ApiApplication.application(), api)));
		for (int i = 1; i <= options.workers(); i++) {
			Map<String, String> worker = new LinkedHashMap<>(connection);
			worker.put("server.port", "0");
			// The API has migrated the schema already.
			worker.put("spring.flyway.enabled", "false");
			this.services.add(keep(run(WorkerApplication.application(), worker)));
		}
		printBanner(options);
	}

	/**
	 * Keeps what a start step made for the stop, or closes it at once if a stop came
	 * first.
	 */
	private <T extends AutoCloseable> T keep(T part) {
		synchronized (this.started) {
			if (!this.stopping) {
				this.started.push(part);
				return part;
			}
		}
		closeQuietly(part);
		throw new StopRequested();
	}

	private void requireNotStopping() {
		if (this.stopping) {
			throw new StopRequested();
		}
	}

	/**
	 * The port was free a moment ago; this proves the server answering on it is the one
	 * this run started, serving {@code dataDirectory}, before anything is migrated into
	 * it.
	 */
	static void requireOurOwnPostgres(DataSource postgres, Path dataDirectory) throws IOException, SQLException {
		try (Connection connection = postgres.getConnection();
				ResultSet rs = connection.createStatement().executeQuery("show data_directory")) {
			rs.next();
			Path served = Path.of(rs.getString(1)).toRealPath();
			if (!served.equals(dataDirectory.toRealPath())) {
				throw new IllegalStateException("The PostgreSQL at " + connection.getMetaData().getURL()
						+ " is not the one this run started (it serves " + served + ")");
			}
		}
	}

	private static ConfigurableApplicationContext run(SpringApplicationBuilder application,
			Map<String, String> properties) {
		String[] arguments = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		// One shutdown hook for everything, so services stop before the broker and
		// database do.
		return application.registerShutdownHook(false).run(arguments);
	}

	private void printBanner(Options options) {
		String base = "http://localhost:" + options.apiPort();
		String management = "http://localhost:" + options.managementPort();
		String workers = this.services.subList(1, this.services.size())
			.stream()
			.map((worker) -> "http://localhost:" + worker.getEnvironment().getProperty("local.server.port"))
			.collect(Collectors.joining(" "));
		System.out.printf("""

				==========================================================================
				 Ad moderation is running locally (%d worker%s).
				   Submit  : curl -i -X POST "%s/async_predict?item_id=1"
				   Poll    : curl %s/moderation_result/1
				   API docs: %s/swagger-ui.html   (OpenAPI: %s/v3/api-docs)
				   Health  : curl %s/actuator/health/readiness
				   Metrics : curl -H "Authorization: Bearer %s" %s/actuator/prometheus
				   Workers : %s  (the same /actuator/health and /actuator/prometheus)
				   Redrive : the admin key is %s (X-Admin-Key on POST /admin/redrive)
				   Review  : %s/review/   reviewer key: %s
				 Demo ads: ids 1-15 are clean, 16-24 break the rules, 25-30 are borderline.
				 Kafka   : %s   PostgreSQL: %s (postgres/postgres)
				 Logs    : ours above, the libraries' in %s
				 Ctrl-C stops everything.
				==========================================================================

				""", options.workers(), (options.workers() == 1) ? "" : "s", base, base, base, base, management,
				this.metricsKey, management, workers, this.adminKey, base, this.reviewerKey, kafkaAddress(options),
				this.postgres.getJdbcUrl("postgres", "postgres"), LOG_FILE);
	}

	private static String kafkaAddress(Options options) {
		return "localhost:" + options.kafkaPort();
	}

	private static String keyFromEnvironmentOrRandom(String variable) {
		String configured = System.getenv(variable);
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	private void stop() {
		List<AutoCloseable> toClose;
		synchronized (this.started) {
			this.stopping = true;
			toClose = new ArrayList<>(this.started);
			this.started.clear();
		}
		// Services first, then the broker and the database they use.
		toClose.forEach(LocalRunner::closeQuietly);
	}

	private static void closeQuietly(AutoCloseable part) {
		try {
			part.close();
		}
		catch (Exception ex) {
			System.err.println("A part of the local run did not stop cleanly: " + ex.getMessage());
		}
	}

	/** A stop came while the run was starting. */
	private static final class StopRequested extends RuntimeException {

		StopRequested() {
			super(null, null, false, false);
		}

	}

	record Options(int apiPort, int managementPort, int workers, int postgresPort, int kafkaPort) {

		static Options parse(String[] args) {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("api-port", System.getenv().getOrDefault("API_PORT", "8003"));
			values.put("management-port", System.getenv().getOrDefault("MANAGEMENT_PORT", "9003"));
			values.put("workers", System.getenv().getOrDefault("WORKERS", "1"));
			values.put("postgres-port", System.getenv().getOrDefault("POSTGRES_PORT", "5432"));
			values.put("kafka-port", System.getenv().getOrDefault("KAFKA_PORT", "9092"));
			for (String arg : args) {
				int equals = arg.indexOf('=');
				String name = (arg.startsWith("--") && equals > 2) ? arg.substring(2, equals) : null;
				if (name == null || !values.containsKey(name)) {
					throw new IllegalArgumentException("Unknown option " + arg
							+ "; use --api-port=, --management-port=, --workers=, --postgres-port=, --kafka-port=");
				}
				values.put(name, arg.substring(equals + 1));
			}
			Options options = new Options(number(values, "api-port"), number(values, "management-port"),
					number(values, "workers"), number(values, "postgres-port"), number(values, "kafka-port"));
			if (options.workers() < 1) {
				throw new IllegalArgumentException("--workers must be at least 1");
			}
			if (options.requiredPorts().stream().map(RequiredPort::port).distinct().count() < 4) {
				throw new IllegalArgumentException("--api-port, --management-port, --postgres-port and --kafka-port "
						+ "must be four different ports");
			}
			return options;
		}

		private static int number(Map<String, String> values, String option) {
			String value = values.get(option);
			try {
				return Integer.parseInt(value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--" + option + " must be a number, not '" + value + "'");
			}
		}

		/** The ports this run listens on, each with the option that moves it. */
		List<RequiredPort> requiredPorts() {
			return List.of(new RequiredPort(this.postgresPort, "--postgres-port", "another PostgreSQL"),
					new RequiredPort(this.kafkaPort, "--kafka-port", "another Kafka or Redpanda"),
					new RequiredPort(this.apiPort, "--api-port", "another API"),
					new RequiredPort(this.managementPort, "--management-port", "another API's actuator"));
		}

	}

}
