package org.admoderation.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.redpanda.RedpandaContainer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One PostgreSQL and one Kafka-compatible broker per test JVM, started on first use.
 * <p>
 * {@code -Dmoderation.test.infrastructure=auto} (the default) uses Testcontainers when a
 * Docker engine answers and embedded servers otherwise; {@code embedded} or
 * {@code testcontainers} forces one. Either way the tests talk to a real PostgreSQL and a
 * real broker.
 */
public final class TestInfrastructure {

	/** The system property that chooses the infrastructure. */
	public static final String MODE_PROPERTY = "moderation.test.infrastructure";

	static final String POSTGRES_IMAGE = "postgres:17-alpine";

	static final String REDPANDA_IMAGE = "redpandadata/redpanda:v24.3.6";

	private static final Logger logger = LoggerFactory.getLogger(TestInfrastructure.class);

	private static @Nullable Mode mode;

	private static @Nullable EmbeddedPostgres embeddedPostgres;

	private static @Nullable EmbeddedKafkaKraftBroker embeddedKafka;

	private static @Nullable PostgreSQLContainer postgresContainer;

	private static @Nullable RedpandaContainer redpandaContainer;

	private TestInfrastructure() {
	}

	/** Which infrastructure this JVM's tests run on. */
	public static synchronized Mode mode() {
		if (mode == null) {
			String requested = System.getProperty(MODE_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
			mode = switch (requested) {
				case "embedded" -> Mode.EMBEDDED;
				case "testcontainers" -> Mode.TESTCONTAINERS;
				case "auto", "", "${moderation.test.infrastructure}" ->
					dockerAvailable() ? Mode.TESTCONTAINERS : Mode.EMBEDDED;
				default -> throw new IllegalArgumentException(
						MODE_PROPERTY + " must be auto, embedded or testcontainers, not " + requested);
			};
			logger.info("Tests run on {} PostgreSQL and Kafka", mode);
		}
		return mode;
	}

	/**
	 * The Spring properties that point an application at this JVM's PostgreSQL and
	 * broker.
	 */
	public static Map<String, Object> springProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", jdbcUrl());
		properties.put("spring.datasource.username", username());
		properties.put("spring.datasource.password", password());
		properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
		return properties;
	}

	public static String jdbcUrl() {
		return (mode() == Mode.TESTCONTAINERS) ? postgresContainer().getJdbcUrl()
				: embeddedPostgres().getJdbcUrl("postgres", "postgres");
	}

	public static String username() {
		return (mode() == Mode.TESTCONTAINERS) ? postgresContainer().getUsername() : "postgres";
	}

	public static String password() {
		return (mode() == Mode.TESTCONTAINERS) ? postgresContainer().getPassword() : "postgres";
	}

	public static String kafkaBootstrapServers() {
		return (mode() == Mode.TESTCONTAINERS) ? redpandaContainer().getBootstrapServers()
				: embeddedKafka().getBrokersAsString();
	}

	/** The shared PostgreSQL container (Testcontainers mode only). */
	public static synchronized PostgreSQLContainer postgresContainer() {
		if (postgresContainer == null) {
			PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
			container.start();
			postgresContainer = container;
		}
		return postgresContainer;
	}

	/** The shared Redpanda container (Testcontainers mode only). */
	public static synchronized RedpandaContainer redpandaContainer() {
		if (redpandaContainer == null) {
			RedpandaContainer container = new RedpandaContainer(REDPANDA_IMAGE);
			container.start();
			redpandaContainer = container;
		}
		return redpandaContainer;
	}

	private static synchronized EmbeddedPostgres embeddedPostgres() {
		if (embeddedPostgres == null) {
			try {
				embeddedPostgres = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Embedded PostgreSQL did not start", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::closeEmbeddedPostgres));
		}
		return embeddedPostgres;
	}

	private static synchronized EmbeddedKafkaKraftBroker embeddedKafka() {
		if (embeddedKafka == null) {
			EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
			broker.afterPropertiesSet();
			embeddedKafka = broker;
			Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
		}
		return embeddedKafka;
	}

	private static void closeEmbeddedPostgres() {
		EmbeddedPostgres postgres = embeddedPostgres;
		if (postgres != null) {
			try {
				postgres.close();
			}
			catch (IOException ex) {
				logger.warn("Embedded PostgreSQL did not stop cleanly", ex);
			}
		}
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** Where the tests' PostgreSQL and broker come from. */
	public enum Mode {

		EMBEDDED, TESTCONTAINERS

	}

}
