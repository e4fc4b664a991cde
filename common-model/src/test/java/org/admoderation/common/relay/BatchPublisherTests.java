package org.admoderation.common.relay;

import java.time.Duration;
import java.util.List;

import org.admoderation.common.relay.BatchPublisher.OutgoingRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * A producer that leaves its sends unfinished past the delivery timeout (its network
 * thread died, as Kafka's client does after splitting a batch without end) is replaced;
 * one that completes them, acknowledged or not, is kept.
 */
class BatchPublisherTests {

	private static final List<OutgoingRecord> BATCH = List.of(new OutgoingRecord("moderation", "1", "{}"));

	private static final Duration OVERDUE = Duration.ofMillis(100);

	@Test
	void aProducerWhoseSendsNeverCompleteIsReplacedOnceTheyAreOverdue() {
		ProducerFactory<String, String> producers = factory(false);
		BatchPublisher publisher = new BatchPublisher(new KafkaTemplate<>(producers), false, OVERDUE);

		assertThat(publisher.publish(BATCH, Duration.ofMillis(10))).containsExactly(false);
		publisher.publish(BATCH, Duration.ofMillis(10));
		then(producers).should(never()).reset();
		await().pollDelay(OVERDUE.multipliedBy(2)).until(() -> true);
		publisher.publish(BATCH, Duration.ofMillis(10));

		then(producers).should().reset();
	}

	@Test
	void aProducerThatCompletesItsSendsIsKept() {
		ProducerFactory<String, String> producers = factory(true);
		BatchPublisher publisher = new BatchPublisher(new KafkaTemplate<>(producers), false, OVERDUE);

		for (int round = 0; round < 3; round++) {
			publisher.publish(BATCH, Duration.ofSeconds(1));
			await().pollDelay(OVERDUE.multipliedBy(2)).until(() -> true);
		}

		then(producers).should(never()).reset();
	}

	/**
	 * A new MockProducer for each send: KafkaTemplate closes the raw producer after it.
	 */
	@SuppressWarnings("unchecked")
	private static ProducerFactory<String, String> factory(boolean completes) {
		ProducerFactory<String, String> producers = mock(ProducerFactory.class);
		given(producers.createProducer()).willAnswer(
				(invocation) -> new MockProducer<>(completes, null, new StringSerializer(), new StringSerializer()));
		return producers;
	}

}
