package org.admoderation.api.backlog;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.admoderation.common.messaging.SharedAdminClient;
import org.admoderation.common.messaging.Topics;
import org.admoderation.common.metrics.ModerationMeters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The workers' lag on {@code moderation}, per partition: the log end offset minus the
 * group's committed offset (the log start where the group has committed nothing yet).
 * Measured from the broker, not from the workers' own consumer metrics, so it exists and
 * grows while no worker runs, which is when it matters most. Every API replica reports
 * the same figures: dashboards take their {@code max}. NaN while the broker does not
 * answer.
 */
@Component
class ConsumerGroupLag implements MeterBinder, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerGroupLag.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final SharedAdminClient admin;

	private final BacklogProperties properties;

	private final Map<Integer, AtomicReference<Double>> lagByPartition = new ConcurrentHashMap<>();

	private @Nullable MeterRegistry registry;

	ConsumerGroupLag(KafkaAdmin kafkaAdmin, BacklogProperties properties) {
		this.admin = new SharedAdminClient(kafkaAdmin.getConfigurationProperties(), "consumer-lag", TIMEOUT);
		this.properties = properties;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
	}

	@Scheduled(initialDelay = 1000, fixedDelayString = "${moderation.backlog.lag-interval:10s}")
	void refresh() {
		try {
			measure().forEach((partition, lag) -> gauge(partition).set(lag.doubleValue()));
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.debug("Consumer lag not measured: {}", ex.toString());
			this.lagByPartition.values().forEach((lag) -> lag.set(Double.NaN));
		}
	}

	/** Package-private for tests: the lag per partition, as the broker reports it now. */
	Map<Integer, Long> measure() throws Exception {
		Admin admin = this.admin.get();
		List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.MODERATION))
			.allTopicNames()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.get(Topics.MODERATION)
			.partitions()
			.stream()
			.map((partition) -> new TopicPartition(Topics.MODERATION, partition.partition()))
			.toList();
		Map<TopicPartition, OffsetAndMetadata> committed = admin
			.listConsumerGroupOffsets(this.properties.consumerGroup())
			.partitionsToOffsetAndMetadata()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(admin, partitions, OffsetSpec.latest());
		List<TopicPartition> uncommitted = partitions.stream()
			.filter((partition) -> committed.get(partition) == null)
			.toList();
		Map<TopicPartition, ListOffsetsResultInfo> starts = uncommitted.isEmpty() ? Map.of()
				: offsets(admin, uncommitted, OffsetSpec.earliest());
		Map<Integer, Long> lag = new HashMap<>();
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata position = committed.get(partition);
			long consumedUpTo = (position != null) ? position.offset() : starts.get(partition).offset();
			lag.put(partition.partition(), Math.max(0, ends.get(partition).offset() - consumedUpTo));
		}
		return lag;
	}

	private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, List<TopicPartition> partitions,
			OffsetSpec spec) throws Exception {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach((partition) -> request.put(partition, spec));
		return admin.listOffsets(request).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	private AtomicReference<Double> gauge(int partition) {
		return this.lagByPartition.computeIfAbsent(partition, (key) -> {
			AtomicReference<Double> lag = new AtomicReference<>(Double.NaN);
			if (this.registry != null) {
				Gauge.builder(ModerationMeters.CONSUMER_LAG, lag, AtomicReference::get)
					.description("Records of moderation the workers' consumer group has not yet committed")
					.tag("group", this.properties.consumerGroup())
					.tag("topic", Topics.MODERATION)
					.tag("partition", Integer.toString(partition))
					.register(this.registry);
			}
			return lag;
		});
	}

	@Override
	public void destroy() {
		this.admin.close();
	}

}
