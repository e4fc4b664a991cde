package org.admoderation.flow;

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
 * Kafka unavailable at submit: the API still answers 202 at once, and its own outbox
 * relay publishes the task once the broker is reachable. The only API here is the one
 * whose broker is down, so nothing else can publish the task for it.
 */
@TestInstance(Lifecycle.PER_CLASS)
class BrokerUnavailableFlowTests {

	private final ModerationSystem system = new ModerationSystem();

	private final ClosedUntilOpenedProxy broker = new ClosedUntilOpenedProxy(
			TestInfrastructure.kafkaBootstrapServers());

	private FlowFixtures fixtures;

	private int apiPort;

	@BeforeAll
	void startApiWithoutBrokerAndAWorker() {
		ConfigurableApplicationContext api = this.system
			.startApi("spring.kafka.bootstrap-servers=" + this.broker.address());
		this.apiPort = ModerationSystem.port(api);
		this.system.startWorker();
		this.fixtures = new FlowFixtures();
		this.fixtures.installTerminalWriteCounter();
	}

	@AfterAll
	void stop() throws Exception {
		this.system.close();
		this.fixtures.close();
		this.broker.close();
	}

	@Test
	void submitIsAcceptedAtOnceAndCompletesAfterTheBrokerBecomesReachable() throws Exception {
		long itemId = this.fixtures.createAdvertisement();

		long started = System.nanoTime();
		HttpResponse<String> response = this.fixtures.post(this.apiPort, "/async_predict?item_id=" + itemId);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
		long taskId = this.fixtures.json.readTree(response.body()).get("task_id").longValue();
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.fixtures.taskColumn(taskId, "publishes").equals("0")
					&& this.fixtures.status(this.apiPort, taskId).equals("pending"));

		this.broker.open();

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.fixtures.status(this.apiPort, taskId).equals("completed"));
		assertThat(this.fixtures.taskColumn(taskId, "publishes")).isEqualTo("1");
		assertThat(this.fixtures.terminalWrites(taskId)).isEqualTo(1);
	}

}
