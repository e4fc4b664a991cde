package org.admoderation.common.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.admoderation.common.tracing.TaskTracing;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

/**
 * Sends a batch of records and reports which ones the broker acknowledged within a
 * deadline, for relays that must only mark a row published once Kafka has it.
 * <p>
 * A producer can stop for good while the broker is fine: when a topic takes records
 * smaller than the producer's batches, Kafka's client splits and retries a batch without
 * end until its network thread dies of a StackOverflowError (seen in the fault suite with
 * {@code moderation_dlq} at {@code max.message.bytes=1}), and from then on no send ever
 * completes. A live producer completes every send it took, acknowledged or failed, within
 * {@code delivery.timeout.ms}; when not one of the last round's has completed well after
 * that, the producer is closed and the next send makes a new one.
 */
public class BatchPublisher implements DisposableBean {

	/**
	 * Beyond {@code delivery.timeout.ms}, before sends not completed mean a dead
	 * producer.
	 */
	private static final Duration OVERDUE_MARGIN = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(BatchPublisher.class);

	private final KafkaTemplate<String, String> kafka;

	private final boolean ownsProducer;

	private final Duration overdue;

	/** The sends the producer took in the last round (not those it refused at once). */
	private List<CompletableFuture<?>> lastRound = List.of();

	private long lastRoundStarted;

	public BatchPublisher(KafkaTemplate<String, String> kafka) {
		this(kafka, false, deliveryTimeout(kafka).plus(OVERDUE_MARGIN));
	}

	BatchPublisher(KafkaTemplate<String, String> kafka, boolean ownsProducer, Duration overdue) {
		this.kafka = kafka;
		this.ownsProducer = ownsProducer;
		this.overdue = overdue;
	}

	private static Duration deliveryTimeout(KafkaTemplate<String, String> kafka) {
		Object configured = kafka.getProducerFactory()
			.getConfigurationProperties()
			.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
		// Kafka's default is 120 s.
		return Duration.ofMillis((configured != null) ? Long.parseLong(configured.toString()) : 120_000);
	}

	/**
	 * A publisher with a producer of its own, configured like {@code base}: what one
	 * relay's topic does to its producer cannot stop another relay's.
	 * @param clientId the producer's client id, as the broker's logs and metrics show it
	 */
	public static BatchPublisher withOwnProducer(ProducerFactory<String, String> base, String clientId) {
		ProducerFactory<String, String> own = base
			.copyWithConfigurationOverride(Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId));
		KafkaTemplate<String, String> template = new KafkaTemplate<>(own);
		return new BatchPublisher(template, true, deliveryTimeout(template).plus(OVERDUE_MARGIN));
	}

	@Override
	public void destroy() {
		if (this.ownsProducer && this.kafka.getProducerFactory() instanceof DisposableBean factory) {
			try {
				factory.destroy();
			}
			catch (Exception ex) {
				logger.warn("Closing the producer failed: {}", ex.toString());
			}
		}
	}

	/**
	 * @return for each record, in order, whether the broker acknowledged it
	 */
	public boolean[] publish(List<OutgoingRecord> records, Duration timeout) {
		replaceProducerIfDead();
		List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(records.size());
		List<CompletableFuture<?>> taken = new ArrayList<>(records.size());
		long started = System.nanoTime();
		for (OutgoingRecord record : records) {
			CompletableFuture<SendResult<String, String>> send = send(record, taken);
			sends.add(send);
			if (unreachable(send)) {
				// The producer waited max.block.ms for the broker and got nothing: don't
				// spend it again on every record. A record refused at once for itself
				// (too large) does not stop the others.
				break;
			}
		}
		boolean[] acknowledged = new boolean[records.size()];
		long deadline = System.nanoTime() + timeout.toNanos();
		for (int i = 0; i < sends.size(); i++) {
			acknowledged[i] = awaitAcknowledgement(sends.get(i), deadline);
		}
		remember(taken, started);
		return acknowledged;
	}

	private synchronized void remember(List<CompletableFuture<?>> taken, long started) {
		if (!taken.isEmpty()) {
			this.lastRound = taken;
			this.lastRoundStarted = started;
		}
	}

	private synchronized void replaceProducerIfDead() {
		boolean overdue = System.nanoTime() - this.lastRoundStarted > this.overdue.toNanos();
		if (!this.lastRound.isEmpty() && overdue && this.lastRound.stream().noneMatch(CompletableFuture::isDone)) {
			logger.warn(
					"Not one of {} sends completed in {} s, past delivery.timeout.ms: the producer's network "
							+ "thread is gone; closing it for a new one",
					this.lastRound.size(), this.overdue.toSeconds());
			this.lastRound = List.of();
			this.kafka.getProducerFactory().reset();
		}
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

	/**
	 * @param taken collects the sends the producer took, not those it refused at once
	 */
	private CompletableFuture<SendResult<String, String>> send(OutgoingRecord record,
			List<CompletableFuture<?>> taken) {
		try {
			ProducerRecord<String, String> producerRecord = new ProducerRecord<>(record.topic(), record.key(),
					record.value());
			if (record.traceParent() != null) {
				producerRecord.headers()
					.add(TaskTracing.TRACEPARENT, record.traceParent().getBytes(StandardCharsets.US_ASCII));
			}
			CompletableFuture<SendResult<String, String>> send = this.kafka.send(producerRecord);
			taken.add(send);
			return send;
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
