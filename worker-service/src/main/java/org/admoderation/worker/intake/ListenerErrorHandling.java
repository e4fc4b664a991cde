package org.admoderation.worker.intake;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens when a batch throws. Everything the task itself can be blamed for
 * (malformed record, missing ad, unscorable input) is handled inside the batch and never
 * throws; what does throw is infrastructure (PostgreSQL away, a timeout) and must never
 * fail a task or skip a record. So the batch is retried with exponential backoff, without
 * limit, and its offsets stay uncommitted until it succeeds.
 */
@Configuration(proxyBeanMethods = false)
public class ListenerErrorHandling {

	private static final Logger logger = LoggerFactory.getLogger(ListenerErrorHandling.class);

	/**
	 * Counts batch retries, so an operator (and a test) can see the worker waiting out an
	 * outage.
	 */
	public static final String RETRIES_METRIC = "moderation.worker.batch.retries";

	@Bean
	CommonErrorHandler moderationErrorHandler(MeterRegistry meters) {
		Counter retries = Counter.builder(RETRIES_METRIC)
			.description("Moderation batches retried after an infrastructure failure")
			.register(meters);
		ExponentialBackOff backOff = new ExponentialBackOff(Duration.ofMillis(200).toMillis(), 2.0);
		backOff.setMaxInterval(Duration.ofSeconds(15).toMillis());
		// No maxElapsedTime and no maxAttempts: retry until the infrastructure is back.
		DefaultErrorHandler handler = new DefaultErrorHandler(
				(record, ex) -> logger.error("Unreachable with an unbounded backoff: record {} given up after {}",
						record.offset(), ex.toString()),
				backOff);
		// Every exception is retried. The default classification gives up at once on a
		// ClassCastException, a conversion error or a missing method, committing the
		// batch's records unprocessed; here those can only be bugs or a bad deployment,
		// which a retry waits out as visibly as an outage.
		handler.setClassifications(Map.of(), true);
		handler.setRetryListeners(new RetryListener() {

			@Override
			public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
				retries.increment();
				logger.warn("Moderation record {}-{}@{} failed (attempt {}), retrying: {}", record.topic(),
						record.partition(), record.offset(), deliveryAttempt, rootCause(ex));
			}

			@Override
			public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
				retries.increment();
				logger.warn("Moderation batch of {} records failed (attempt {}), retrying: {}", records.count(),
						deliveryAttempt, rootCause(ex));
			}

		});
		return handler;
	}

	private static String rootCause(Exception ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.toString();
	}

}
