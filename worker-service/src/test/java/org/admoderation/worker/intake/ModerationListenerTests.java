package org.admoderation.worker.intake;

import java.util.List;
import java.util.Optional;

import org.admoderation.worker.moderation.InboundRecord;
import org.admoderation.worker.moderation.ModerationProcessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class ModerationListenerTests {

	private final ModerationProcessor processor = mock(ModerationProcessor.class);

	private final ModerationListener listener = new ModerationListener(
			new InboundRecordParser(JsonMapper.builder().build()), this.processor);

	/**
	 * A topic deleted and created again (the database kept) starts its offsets at 0
	 * again: a record identified by topic-partition@offset alone took the identity of an
	 * earlier poison record, and its dead letter was dropped as a repeat.
	 */
	@Test
	void aRecordAtAnOffsetSeenBeforeInAnEarlierTopicIsAnotherRecord() {
		List<String> sources = sourcesOf(List.of(poison(1_764_640_000_000L), poison(1_764_650_000_000L)));

		assertThat(sources).doesNotHaveDuplicates()
			.allSatisfy((source) -> assertThat(source).startsWith("moderation-3@5"));
	}

	@Test
	void theSameRecordReadAgainKeepsItsIdentity() {
		List<String> sources = sourcesOf(List.of(poison(1_764_640_000_000L), poison(1_764_640_000_000L)));

		assertThat(sources.stream().distinct()).hasSize(1);
	}

	/** The sources the listener handed the processor for these records. */
	private List<String> sourcesOf(List<ConsumerRecord<String, String>> records) {
		this.listener.onBatch(records);
		@SuppressWarnings("unchecked")
		ArgumentCaptor<List<InboundRecord>> batch = ArgumentCaptor.forClass(List.class);
		then(this.processor).should().process(batch.capture());
		return batch.getValue().stream().map(InboundRecord::source).toList();
	}

	private static ConsumerRecord<String, String> poison(long timestamp) {
		return new ConsumerRecord<>("moderation", 3, 5L, timestamp, TimestampType.CREATE_TIME, 3, 8, "k", "not json",
				new RecordHeaders(), Optional.empty());
	}

}
