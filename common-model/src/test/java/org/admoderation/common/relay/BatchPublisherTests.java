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
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * A producer whose sends never complete (its network thread died, as Kafka's client does
 * after splitting a batch without end) is replaced; one that answers, even with refusals,
 * is kept.
 */
class BatchPublisherTests {

	private static final List<OutgoingRecord> BATCH = List.of(new OutgoingRecord("moderation", "1", "{}"));

	@Test
	void aProducerThatCompletesNothingForThreeRoundsIsReplaced() {
		ProducerFactory<String, String> producers = factory(
				new MockProducer<>(false, null, new StringSerializer(), new StringSerializer()));
		BatchPublisher publisher = new BatchPublisher(new KafkaTemplate<>(producers));

		for (int round = 1; round < BatchPublisher.SILENT_ROUNDS_BEFORE_RESET; round++) {
			assertThat(publisher.publish(BATCH, Duration.ofMillis(20))).containsExactly(false);
		}
		then(producers).should(never()).reset();
		publisher.publish(BATCH, Duration.ofMillis(20));

		then(producers).should().reset();
	}

	@Test
	void aProducerThatAnswersIsKeptWhateverItAnswers() {
		ProducerFactory<String, String> producers = factory(
				new MockProducer<>(true, null, new StringSerializer(), new StringSerializer()));
		BatchPublisher publisher = new BatchPublisher(new KafkaTemplate<>(producers));

		for (int round = 0; round < 2 * BatchPublisher.SILENT_ROUNDS_BEFORE_RESET; round++) {
			// Completed at once; for a topic MockProducer does not know, refused: an
			// answer.
			publisher.publish(BATCH, Duration.ofSeconds(1));
		}

		then(producers).should(never()).reset();
	}

	@SuppressWarnings("unchecked")
	private static ProducerFactory<String, String> factory(MockProducer<String, String> producer) {
		ProducerFactory<String, String> producers = mock(ProducerFactory.class);
		given(producers.createProducer()).willReturn(producer);
		return producers;
	}

}
