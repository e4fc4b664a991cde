package org.admoderation.worker.moderation;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.admoderation.common.deadletter.DeadLetterProperties;
import org.admoderation.common.deadletter.DeadLetterRelay;
import org.admoderation.common.relay.BatchPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter relay on a real PostgreSQL and broker, with a letter the producer
 * cannot send (larger than its max.request.size): it waits, and the letters after it go
 * out. The relay stopped its round at such a letter and, claiming the oldest first, met
 * it again at the head of every round.
 */
class DeadLetterRelayTests {

	private static final String BIG = "{\"original_message\": \"" + "x".repeat(6_000) + "\"}";

	private static final String SMALL = "{\"original_message\": \"small\"}";

	private static RelayTestInfrastructure infrastructure;

	private static JdbcClient jdbc;

	@BeforeAll
	static void start() {
		infrastructure = new RelayTestInfrastructure();
		jdbc = infrastructure.jdbc;
		// Whatever earlier tests left unpublished is not this test's business.
		jdbc.sql("update dead_letters set published_at = now() where published_at is null").update();
	}

	private static DeadLetterRelay relay(int batchSize) {
		return new DeadLetterRelay(jdbc, infrastructure.transactions,
				new BatchPublisher(new KafkaTemplate<>(infrastructure.producers)), new DeadLetterProperties(batchSize,
						Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(10)),
				new SimpleMeterRegistry());
	}

	@AfterAll
	static void stop() {
		infrastructure.producers.destroy();
	}

	@Test
	void aLetterTheProducerCannotSendStopsNoRound() {
		long big = letter("relay-big", BIG);
		long small = letter("relay-small", SMALL);

		int published = relay(10).relayPending();

		assertThat(published).isEqualTo(1);
		assertThat(published(small)).isTrue();
		assertThat(published(big)).isFalse();
	}

	@Test
	void aLetterTheProducerCannotSendIsNotClaimedFirstAgain() {
		long big = letter("relay-big", BIG);
		long small = letter("relay-small", SMALL);
		// One letter per round: the order in which rounds claim them is what is tested.
		DeadLetterRelay relay = relay(1);

		int first = relay.relayPending();
		int second = relay.relayPending();

		assertThat(first).as("the big letter's round").isZero();
		assertThat(second).as("the next round").isEqualTo(1);
		assertThat(published(small)).isTrue();
		assertThat(published(big)).as("still waiting for a broker that takes it").isFalse();
	}

	@AfterEach
	void nothingLeftForTheNextTest() {
		jdbc.sql("update dead_letters set published_at = now() where published_at is null").update();
	}

	private static long letter(String key, String payload) {
		return jdbc.sql("insert into dead_letters (record_key, payload) values (:key, :payload) returning id")
			.param("key", key)
			.param("payload", payload)
			.query(Long.class)
			.single();
	}

	private static boolean published(long id) {
		return jdbc.sql("select published_at is not null from dead_letters where id = :id")
			.param("id", id)
			.query(Boolean.class)
			.single();
	}

}
