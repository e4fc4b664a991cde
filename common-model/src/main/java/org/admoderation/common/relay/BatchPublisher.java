package org.admoderation.common.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.admoderation.common.tracing.TaskTracing;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends a batch of records and reports which ones the broker acknowledged within a
 * deadline, for relays that must only mark a row published once Kafka has it.
 */
public class BatchPublisher {

	private final KafkaTemplate<String, String> kafka;

	public BatchPublisher(KafkaTemplate<String, String> kafka) {
		this.kafka = kafka;
	}

	/**
	 * @return for each record, in order, whether the broker acknowledged it
	 */
	public boolean[] publish(List<OutgoingRecord> records, Duration timeout) {
		List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(records.size());
		for (OutgoingRecord record : records) {
			CompletableFuture<SendResult<String, String>> send = send(record);
			sends.add(send);
			if (unreachable(send)) {
				// The producer waited max.block.ms for the broker and got nothing: don't
				// spend
				// it again on every record. A record refused at once for itself (too
				// large)
				// does not stop the others.
				break;
			}
		}
		boolean[] acknowledged = new boolean[records.size()];
		long deadline = System.nanoTime() + timeout.toNanos();
		for (int i = 0; i < sends.size(); i++) {
			acknowledged[i] = awaitAcknowledgement(sends.get(i), deadline);
		}
		return acknowledged;
	}

	private static boolean unreachable(CompletableFuture<?> send) {
		if (!send.isCompletedExceptionally()) {
			return false;
		}
		try {
			send.getNow(null);
			return false;
		}
		catch (CompletionException | CancellationException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
					return true;
				}
			}
			return false;
		}
	}

	private CompletableFuture<SendResult<String, String>> send(OutgoingRecord record) {
		try {
			ProducerRecord<String, String> producerRecord = new ProducerRecord<>(record.topic(), record.key(),
					record.value());
			if (record.traceParent() != null) {
				producerRecord.headers()
					.add(TaskTracing.TRACEPARENT, record.traceParent().getBytes(StandardCharsets.US_ASCII));
			}
			return this.kafka.send(producerRecord);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static boolean awaitAcknowledgement(CompletableFuture<SendResult<String, String>> send,
			long deadlineNanos) {
		try {
			send.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
	}

	/**
	 * A record to send.
	 *
	 * @param key null lets the producer choose the partition
	 * @param traceParent the W3C trace context of the task, sent as the
	 * {@code traceparent} header; null sends none
	 */
	public record OutgoingRecord(String topic, @Nullable String key, String value, @Nullable String traceParent) {

		public OutgoingRecord(String topic, @Nullable String key, String value) {
			this(topic, key, value, null);
		}

	}

}
