package org.admoderation.worker.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.admoderation.common.messaging.Topics;
import org.admoderation.common.tracing.TaskTracing;
import org.admoderation.worker.moderation.InboundRecord;
import org.admoderation.worker.moderation.ModerationProcessor;
import org.admoderation.worker.scoring.ModelLifecycle;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Takes each poll of {@code moderation} as one batch. The container commits the batch's
 * offsets only after this method returns, that is after the results are committed in
 * PostgreSQL; a failure (database or broker away) propagates, and the error handler
 * retries the same batch. Started by {@link ModelLifecycle} once a model is loaded, never
 * on its own.
 */
@Component
class ModerationListener {

	private final InboundRecordParser parser;

	private final ModerationProcessor processor;

	ModerationListener(InboundRecordParser parser, ModerationProcessor processor) {
		this.parser = parser;
		this.processor = processor;
	}

	@KafkaListener(id = ModelLifecycle.LISTENER_ID, topics = Topics.MODERATION, autoStartup = "false",
			idIsGroup = false, batch = "true")
	void onBatch(List<ConsumerRecord<String, String>> records) {
		this.processor.process(records.stream()
			.map((record) -> this.parser.parse(record.key(), record.value(), source(record), traceParent(record)))
			.toList());
	}

	/**
	 * Where a record was read, which identifies it for its dead letter: a redelivery gets
	 * none of its own. The offset alone is not enough, as a topic created again (the
	 * database kept) counts from 0 again; with the record's timestamp a later record at a
	 * reused offset is another record.
	 */
	static String source(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset() + " "
				+ Instant.ofEpochMilli(record.timestamp());
	}

	private static @Nullable String traceParent(ConsumerRecord<String, String> record) {
		Header header = record.headers().lastHeader(TaskTracing.TRACEPARENT);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.US_ASCII)
				: null;
	}

}
