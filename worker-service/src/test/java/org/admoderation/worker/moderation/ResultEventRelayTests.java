package org.admoderation.worker.moderation;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.admoderation.common.messaging.Topics;
import org.admoderation.common.relay.BatchPublisher;
import org.admoderation.common.results.ResultEventProperties;
import org.admoderation.common.results.ResultEventRelay;
import org.admoderation.testsupport.TestInfrastructure;
import org.admoderation.testsupport.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The result relay on a real PostgreSQL and broker: an ad's events go out in the order
 * they were written, so one the producer cannot send holds back that ad's later events,
 * and only those.
 */
class ResultEventRelayTests {

	private static final String BIG = "{\"filler\": \"" + "x".repeat(6_000) + "\"}";

	private static RelayTestInfrastructure infrastructure;

	private static JdbcClient jdbc;

	private static ResultEventRelay relay;

	@BeforeAll
	static void start() {
		infrastructure = new RelayTestInfrastructure();
		jdbc = infrastructure.jdbc;
		jdbc.sql("update result_events set published_at = now() where published_at is null").update();
		relay = new ResultEventRelay(jdbc, infrastructure.transactions,
				new BatchPublisher(new KafkaTemplate<>(infrastructure.producers)),
				new ResultEventProperties(10, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(10)),
				new SimpleMeterRegistry());
	}

	@AfterAll
	static void stop() {
		infrastructure.producers.destroy();
	}

	@Test
	void anEventTheBrokerRefusedHoldsBackItsAdsLaterEventsOnly() {
		long held = 9_100_000 + System.nanoTime() % 100_000;
		long other = held + 1;
		long unsendable = event(held, 1, BIG);
		long later = event(held, 2, "{\"n\": 2}");
		long otherAds = event(other, 1, "{\"n\": 1}");

		relay.relayPending();

		assertThat(published(otherAds)).as("another ad's event").isTrue();
		assertThat(published(unsendable)).isFalse();
		assertThat(published(later)).as("behind its ad's earlier event").isFalse();

		jdbc.sql("update result_events set payload = '{\"n\": 1}', publish_due_at = now() where id = :id")
			.param("id", unsendable)
			.update();
		relay.relayPending();
		relay.relayPending();

		assertThat(published(unsendable)).isTrue();
		assertThat(published(later)).isTrue();
		List<String> heldAdsValues = TopicRecords
			.readAll(TestInfrastructure.kafkaBootstrapServers(), Topics.MODERATION_RESULTS)
			.stream()
			.filter((record) -> Long.toString(held).equals(record.key()))
			.map(ConsumerRecord::value)
			.toList();
		assertThat(heldAdsValues).as("the ad's events in the order they were written")
			.containsExactly("{\"n\": 1}", "{\"n\": 2}");
	}

	private static long event(long itemId, int sequence, String payload) {
		long taskId = jdbc.sql("insert into moderation_results (item_id) values (:item) returning id")
			.param("item", itemId)
			.query(Long.class)
			.single();
		return jdbc.sql("""
				insert into result_events (task_id, item_id, sequence, payload)
				values (:task, :item, :sequence, :payload) returning id
				""")
			.param("task", taskId)
			.param("item", itemId)
			.param("sequence", sequence)
			.param("payload", payload)
			.query(Long.class)
			.single();
	}

	private static boolean published(long id) {
		return jdbc.sql("select published_at is not null from result_events where id = :id")
			.param("id", id)
			.query(Boolean.class)
			.single();
	}

}
