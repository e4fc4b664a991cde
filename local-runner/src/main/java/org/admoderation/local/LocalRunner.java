package org.admoderation.local;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
 * ({@code WORKERS}), {@code --postgres-port=5432} ({@code POSTGRES_PORT}). The embedded
 * KRaft broker and the workers' management ports are free ports; the banner prints them.
 * The metrics need the metrics key and redrive the admin key:
 * {@code MODERATION_METRICS_API_KEY} and {@code MODERATION_ADMIN_API_KEY} if set, else
 * random ones made for this run and printed in the banner.
 */
public final class LocalRunner {

	private final List<ConfigurableApplicationContext> services = new ArrayList<>();

	private EmbeddedPostgres postgres;

	private EmbeddedKafkaKraftBroker kafka;

	/** Set in the environment, or made for this run: never a fixed, committed key. */
	private final String adminKey = keyFromEnvironmentOrRandom("MODERATION_ADMIN_API_KEY");

	private final String metricsKey = keyFromEnvironmentOrRandom("MODERATION_METRICS_API_KEY");

	public static void main(String[] args) throws IOException {
		Options options = Options.parse(args);
		LocalRunner runner = new LocalRunner();
		Runtime.getRuntime().addShutdownHook(new Thread(runner::stop, "local-runner-shutdown"));
		runner.start(options);
	}

	private void start(Options options) throws IOException {
		// Our own shutdown hook stops PostgreSQL, after the services that use it.
		this.postgres = EmbeddedPostgres.builder()
			.setPort(options.postgresPort())
			.setRegisterShutdownHook(false)
			.start();
		this.kafka = new EmbeddedKafkaKraftBroker(1, 6);
		this.kafka.afterPropertiesSet();
		Map<String, String> connection = new LinkedHashMap<>();
		connection.put("spring.datasource.url", this.postgres.getJdbcUrl("postgres", "postgres"));
		connection.put("spring.datasource.username", "postgres");
		connection.put("spring.datasource.password", "postgres");
		connection.put("spring.kafka.bootstrap-servers", this.kafka.getBrokersAsString());
		connection.put("spring.main.banner-mode", "off");
		// Readable console: our services at INFO, the embedded broker's chatter (and the
		// errors it
		// logs while deleting its temporary log directory on shutdown) out of the way.
		connection.put("logging.include-application-name", "false");
		connection.put("logging.level.org.apache.kafka", "WARN");
		connection.put("logging.level.kafka", "WARN");
		connection.put("logging.level.org.apache.kafka.storage.internals.log.LogDirFailureChannel", "OFF");
		connection.put("logging.level.kafka.server.ReplicaManager", "OFF");

		connection.put("moderation.admin.api-key", this.adminKey);
		connection.put("moderation.admin.metrics-key", this.metricsKey);

		Map<String, String> api = new LinkedHashMap<>(connection);
		api.put("server.port", Integer.toString(options.apiPort()));
		api.put("management.server.port", Integer.toString(options.managementPort()));
		api.put("spring.flyway.locations", "classpath:db/migration,classpath:db/demo");
		this.services.add(run(ApiApplication.application(), api));
		for (int i = 1; i <= options.workers(); i++) {
			Map<String, String> worker = new LinkedHashMap<>(connection);
			worker.put("server.port", "0");
			// The API has migrated the schema already.
			worker.put("spring.flyway.enabled", "false");
			this.services.add(run(WorkerApplication.application(), worker));
		}
		printBanner(options);
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
				 Demo ads: ids 1-15 are clean, 16-24 break the rules, 25-30 are borderline.
				 Kafka   : %s   PostgreSQL: %s (postgres/postgres)
				 Ctrl-C stops everything.
				==========================================================================

				""", options.workers(), (options.workers() == 1) ? "" : "s", base, base, base, base, management,
				this.metricsKey, management, workers, this.adminKey, this.kafka.getBrokersAsString(),
				this.postgres.getJdbcUrl("postgres", "postgres"));
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
		for (int i = this.services.size() - 1; i >= 0; i--) {
			this.services.get(i).close();
		}
		if (this.kafka != null) {
			this.kafka.destroy();
		}
		if (this.postgres != null) {
			try {
				this.postgres.close();
			}
			catch (IOException ex) {
				System.err.println("PostgreSQL did not stop cleanly: " + ex.getMessage());
			}
		}
	}

	record Options(int apiPort, int managementPort, int workers, int postgresPort) {

		static Options parse(String[] args) {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("api-port", System.getenv().getOrDefault("API_PORT", "8003"));
			values.put("management-port", System.getenv().getOrDefault("MANAGEMENT_PORT", "9003"));
			values.put("workers", System.getenv().getOrDefault("WORKERS", "1"));
			values.put("postgres-port", System.getenv().getOrDefault("POSTGRES_PORT", "5432"));
			for (String arg : args) {
				int equals = arg.indexOf('=');
				String name = (arg.startsWith("--") && equals > 2) ? arg.substring(2, equals) : null;
				if (name == null || !values.containsKey(name)) {
					throw new IllegalArgumentException("Unknown option " + arg
							+ "; use --api-port=, --management-port=, --workers=, --postgres-port=");
				}
				values.put(name, arg.substring(equals + 1));
			}
			Options options = new Options(Integer.parseInt(values.get("api-port")),
					Integer.parseInt(values.get("management-port")), Integer.parseInt(values.get("workers")),
					Integer.parseInt(values.get("postgres-port")));
			if (options.workers() < 1) {
				throw new IllegalArgumentException("--workers must be at least 1");
			}
			return options;
		}

	}

}
