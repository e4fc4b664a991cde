package org.admoderation.worker.intake;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * What throws out of a batch is infrastructure (or a bug), never the task's fault: the
 * batch is retried, whatever the exception. Spring Kafka's default classification skips a
 * batch that threw a ClassCastException or a conversion error, committing its records
 * unprocessed.
 */
class ListenerErrorHandlingTests {

	private static final TopicPartition PARTITION = new TopicPartition("moderation", 0);

	@ParameterizedTest
	@ValueSource(classes = { ClassCastException.class, IllegalStateException.class, NoSuchMethodException.class,
			org.springframework.messaging.converter.MessageConversionException.class })
	void aBatchIsRetriedWhateverItThrew(Class<? extends Exception> thrown) throws Exception {
		CommonErrorHandler handler = new ListenerErrorHandling().moderationErrorHandler(new SimpleMeterRegistry());
		MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
		consumer.assign(List.of(PARTITION));
		consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
		MessageListenerContainer container = mock(MessageListenerContainer.class);
		given(container.isRunning()).willReturn(true);
		ConsumerRecords<String, String> batch = new ConsumerRecords<>(
				Map.of(PARTITION, List.of(new ConsumerRecord<>("moderation", 0, 7L, "1", "{\"task_id\": 1}"))),
				Map.of(PARTITION, new OffsetAndMetadata(8L)));
		AtomicInteger retries = new AtomicInteger();

		handler.handleBatch(exception(thrown), batch, consumer, container, retries::incrementAndGet);

		assertThat(retries).as("the listener called again with the same batch").hasValue(1);
	}

	private static Exception exception(Class<? extends Exception> type) throws Exception {
		try {
			return type.getConstructor(String.class).newInstance("thrown by the test");
		}
		catch (NoSuchMethodException ex) {
			return type.getConstructor().newInstance();
		}
	}

}
