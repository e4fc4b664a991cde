package org.admoderation.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.admoderation.common.messaging.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml agrees with the applications: services, ports, topics, variables,
 * health. No Docker engine runs here, so these checks read the file; they fail when
 * something drifts.
 */
class ComposeFileTests {

	private static final Map<String, Object> compose = Repository.yaml("docker-compose.yml");

	@Test
	void declaresTheWholeSystem() {
		assertThat(services().keySet()).contains("postgres", "redpanda", "console", "topics", "migrate", "api",
				"worker");
	}

	@Test
	void everyServiceTheDocumentationNamesExists() {
		String readme = Repository.read("README.md") + Repository.read("docs/deployment.md");
		Matcher matcher = Pattern
			.compile("docker compose(?: --profile \\w+)? (?:up -d --scale |logs -f |logs |restart |stop |exec |ps )"
					+ "([a-z][a-z0-9-]*)")
			.matcher(readme);
		int named = 0;
		while (matcher.find()) {
			named++;
			assertThat(services()).as("the documentation names compose service '%s'", matcher.group(1))
				.containsKey(matcher.group(1));
		}
		assertThat(named).as("the documentation's compose commands name services").isGreaterThanOrEqualTo(2);
	}

	@ParameterizedTest
	@CsvSource({ "api, api-service/src/main/resources/api.yml",
			"worker, worker-service/src/main/resources/worker.yml" })
	void servicePortsAndHealthchecksMatchTheApplication(String service, String configuration) {
		Map<String, String> properties = Repository.applicationProperties(configuration);
		String port = Repository.placeholderDefault(properties.get("server.port"));
		// The worker serves no API: its management port is its one port.
		String managementPort = Repository.managementPort(configuration);
		Map<String, Object> definition = service(service);

		assertThat(String.join(" ", Repository.<List<String>>at(definition, "healthcheck.test")))
			.contains("http://localhost:" + managementPort + "/actuator/health/readiness");
		if (service.equals("api")) {
			assertThat(managementPort).isNotEqualTo(port);
			assertThat(Repository.<List<String>>at(definition, "ports")).containsExactly(port + ":" + port,
					"127.0.0.1:" + managementPort + ":" + managementPort);
		}
		assertThat(Repository.<String>at(definition, "build.args.SERVICE")).isEqualTo(service + "-service");
		assertThat(String.valueOf(Repository.<Object>at(definition, "build.args.PORT"))).isEqualTo(port);
		assertThat(String.valueOf(Repository.<Object>at(definition, "build.args.MANAGEMENT_PORT")))
			.isEqualTo(managementPort);
		assertThat(Repository.read("Dockerfile")).contains("EXPOSE ${PORT} ${MANAGEMENT_PORT}")
			.contains("http://localhost:${MANAGEMENT_PORT}/actuator/health/readiness")
			.contains("MANAGEMENT_PORT=${MANAGEMENT_PORT}");
	}

	@Test
	void workerScalesFreely() {
		Map<String, Object> worker = service("worker");

		assertThat(worker).doesNotContainKeys("container_name", "ports");
	}

	@Test
	void hostPortsAreTheSeedsOnes() {
		assertThat(Repository.<List<String>>at(service("postgres"), "ports")).containsExactly("5432:5432");
		assertThat(Repository.<List<String>>at(service("redpanda"), "ports")).containsExactly("9092:9092");
		assertThat(Repository.<List<String>>at(service("console"), "ports")).containsExactly("8080:8080");
	}

	@Test
	void everyLongRunningServiceHasAHealthcheck() {
		services().forEach((name, definition) -> {
			Map<String, Object> service = asMap(definition);
			if (!"no".equals(String.valueOf(service.get("restart")))) {
				assertThat(service).as("long-running service %s", name).containsKey("healthcheck");
			}
		});
	}

	@Test
	void consoleAndServicesUseTheBrokersInternalAddress() {
		String internal = internalBrokerAddress();

		assertThat(internal).isEqualTo("redpanda:29092");
		assertThat(Repository.<String>at(service("console"), "environment.KAFKA_BROKERS")).isEqualTo(internal);
		assertThat(Repository.<String>at(service("api"), "environment.KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(internal);
		assertThat(Repository.<String>at(service("worker"), "environment.KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(internal);
		assertThat(String.join(" ", Repository.<List<String>>at(service("redpanda"), "command")))
			.contains("external://localhost:9092");
	}

	@Test
	void topicsAreCreatedWithTheApplicationsNamesAndPartitionCounts() {
		String command = String.join("\n", Repository.<List<String>>at(service("topics"), "command"));
		String apiPartitions = PropertiesContract.defaults("org.admoderation.common")
			.get("moderation.topics.moderation-partitions");

		assertThat(command).contains(Topics.MODERATION + ":${MODERATION_PARTITIONS:-" + apiPartitions + "}")
			.contains(Topics.MODERATION_DLQ + ":")
			.contains(Topics.MODERATION_RESULTS + ":${RESULT_PARTITIONS:-"
					+ PropertiesContract.defaults("org.admoderation.common").get("moderation.topics.result-partitions")
					+ "}");
		Map<String, String> defaults = PropertiesContract.defaults("org.admoderation.common");
		for (String service : List.of("api", "worker")) {
			assertThat(Repository.<String>at(service(service), "environment.MODERATION_TOPICS_MODERATION_PARTITIONS"))
				.isEqualTo("${MODERATION_PARTITIONS:-" + apiPartitions + "}");
			assertThat(Repository.<String>at(service(service), "environment.MODERATION_TOPICS_DEAD_LETTER_PARTITIONS"))
				.isEqualTo("${DLQ_PARTITIONS:-" + defaults.get("moderation.topics.dead-letter-partitions") + "}");
			assertThat(Repository.<String>at(service(service), "environment.MODERATION_TOPICS_RESULT_PARTITIONS"))
				.isEqualTo("${RESULT_PARTITIONS:-" + defaults.get("moderation.topics.result-partitions") + "}");
		}
		assertThat(command).contains(Topics.MODERATION_DLQ + ":${DLQ_PARTITIONS:-"
				+ defaults.get("moderation.topics.dead-letter-partitions") + "}");
	}

	@ParameterizedTest
	@CsvSource({ "api, api-service/src/main/resources/api.yml",
			"worker, worker-service/src/main/resources/worker.yml" })
	void everyVariableGivenToAServiceIsOneItReads(String service, String configuration) {
		Set<String> known = Repository.knownEnvironmentVariables(configuration);
		Map<String, Object> environment = Repository.at(service(service), "environment");

		assertThat(environment.keySet()).isSubsetOf(known);
		assertThat(environment).containsKeys("DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS");
	}

	@Test
	void workerGetsTheSeedsModelSwitches() {
		assertThat(Repository.<Map<String, Object>>at(service("worker"), "environment")).containsKeys("USE_MLFLOW",
				"REGISTER_MODEL", "MODEL_PATH", "MLFLOW_TRACKING_URI");
	}

	@ParameterizedTest
	@CsvSource({ "api", "worker" })
	void servicesStartAfterMigrationsAndTopics(String service) {
		Map<String, Object> dependsOn = Repository.at(service(service), "depends_on");

		assertThat(Repository.<String>at(dependsOn, "migrate.condition")).isEqualTo("service_completed_successfully");
		assertThat(Repository.<String>at(dependsOn, "topics.condition")).isEqualTo("service_completed_successfully");
		assertThat(Repository.<String>at(dependsOn, "postgres.condition")).isEqualTo("service_healthy");
		assertThat(Repository.<String>at(dependsOn, "redpanda.condition")).isEqualTo("service_healthy");
	}

	@Test
	void applicationsDoNotMigrateThemselves() {
		assertThat(Repository.<String>at(service("api"), "environment.SPRING_FLYWAY_ENABLED")).isEqualTo("false");
		assertThat(Repository.<String>at(service("worker"), "environment.SPRING_FLYWAY_ENABLED")).isEqualTo("false");
	}

	@ParameterizedTest
	@CsvSource({ "Dockerfile", "db/Dockerfile" })
	void imagesRunAsNonRoot(String dockerfile) {
		String content = Repository.read(dockerfile);
		String finalStage = content.substring(content.lastIndexOf("\nFROM "));
		Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(finalStage);

		assertThat(user.find()).as("%s sets USER in its final stage", dockerfile).isTrue();
		assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0:").isNotEqualTo("0");
	}

	@Test
	void imageBuildContextHoldsEveryModuleTheReactorLists() {
		List<String> ignorePatterns = Repository.read(".dockerignore")
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Repository.read("pom.xml"));
		int modules = 0;
		while (module.find()) {
			modules++;
			String pom = module.group(1) + "/pom.xml";
			assertThat(DockerIgnore.excludes(ignorePatterns, pom))
				.as("Maven reads %s for any -pl build, so the image's build context must hold it", pom)
				.isFalse();
		}
		assertThat(modules).isGreaterThan(5);
	}

	private static String internalBrokerAddress() {
		String command = String.join(" ", Repository.<List<String>>at(service("redpanda"), "command"));
		Matcher matcher = Pattern.compile("--advertise-kafka-addr \\S*internal://([^,\\s]+)").matcher(command);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	private static Map<String, Object> services() {
		return Repository.at(compose, "services");
	}

	private static Map<String, Object> service(String name) {
		return asMap(services().get(name));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

}
