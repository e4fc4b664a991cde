package org.admoderation.flow;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.admoderation.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows the dependencies: an API whose database goes away turns not ready
 * (503, "db" DOWN) and ready again when it returns; an API started while the broker is
 * unreachable is not ready ("kafka" DOWN) until it is.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ReadinessFlowTests {

	private final ModerationSystem system = new ModerationSystem();

	private final ClosedUntilOpenedProxy database = new ClosedUntilOpenedProxy(databaseAddress());

	private final ClosedUntilOpenedProxy broker = new ClosedUntilOpenedProxy(
			TestInfrastructure.kafkaBootstrapServers());

	private final FlowFixtures fixtures = new FlowFixtures();

	@BeforeAll
	void openDatabase() throws Exception {
		this.database.open();
	}

	@AfterAll
	void stop() throws Exception {
		this.system.close();
		this.fixtures.close();
		this.database.close();
		this.broker.close();
	}

	@Test
	void theApiIsNotReadyWhileItsDatabaseIsAwayAndReadyWhenItReturns() throws Exception {
		ConfigurableApplicationContext api = this.system.startApi(
				"spring.datasource.url="
						+ TestInfrastructure.jdbcUrl().replace(databaseAddress(), this.database.address()),
				"spring.datasource.hikari.connection-timeout=1000");
		int port = ModerationSystem.managementPort(api);
		awaitReadiness(port, 200);

		this.database.shut();
		HttpResponse<String> notReady = awaitReadiness(port, 503);
		assertThat(componentStatus(notReady, "db")).isEqualTo("DOWN");

		this.database.open();
		awaitReadiness(port, 200);
	}

	@Test
	void theApiIsNotReadyUntilItsBrokerAnswers() throws Exception {
		ConfigurableApplicationContext api = this.system
			.startApi("spring.kafka.bootstrap-servers=" + this.broker.address());
		int port = ModerationSystem.managementPort(api);

		HttpResponse<String> notReady = awaitReadiness(port, 503);
		assertThat(componentStatus(notReady, "kafka")).isEqualTo("DOWN");

		this.broker.open();
		HttpResponse<String> ready = awaitReadiness(port, 200);
		assertThat(componentStatus(ready, "kafka")).isEqualTo("UP");
	}

	private String componentStatus(HttpResponse<String> health, String component) {
		return this.fixtures.json.readTree(health.body()).at("/components/" + component + "/status").asString();
	}

	private HttpResponse<String> awaitReadiness(int port, int status) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> this.fixtures.get(port, "/actuator/health/readiness"),
					(response) -> response.statusCode() == status);
	}

	/** host:port of the test database, from its JDBC URL. */
	private static String databaseAddress() {
		URI uri = URI.create(TestInfrastructure.jdbcUrl().substring("jdbc:".length()));
		return uri.getHost() + ":" + uri.getPort();
	}

}
