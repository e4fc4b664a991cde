package org.admoderation.common.config;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.admoderation.common.deadletter.DeadLetterOutbox;
import org.admoderation.common.deadletter.DeadLetterProperties;
import org.admoderation.common.deadletter.DeadLetterRelay;
import org.admoderation.common.health.KafkaHealthIndicator;
import org.admoderation.common.messaging.Topics;
import org.admoderation.common.relay.BatchPublisher;
import org.admoderation.common.relay.RelayLoop;
import org.admoderation.common.results.ResultEventProperties;
import org.admoderation.common.results.ResultEventRelay;
import org.admoderation.common.review.ReviewProperties;
import org.admoderation.common.review.ReviewQueue;
import org.admoderation.common.security.KeySecurity;
import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.tracing.TaskTracing;
import org.apache.kafka.clients.admin.NewTopic;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Beans both services need: the topics (created at start-up if missing), the broker's
 * health, the credentials ({@link KeySecurity}), task tracing, the clock, the batch
 * publisher, the task repository, the review queue, the dead-letter outbox and the relays
 * of dead letters and result events.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TopicProperties.class, DeadLetterProperties.class, ReviewProperties.class,
		ResultEventProperties.class })
@Import(KeySecurity.class)
public class ModerationCommonConfiguration {

	/**
	 * How long closing the producer at shutdown may wait for records in flight (Spring
	 * Kafka waits 30 s): an unacknowledged record is sent again by the next start, as its
	 * row was not marked, and the pod's grace period is shared with the web drain and the
	 * relays.
	 */
	public static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(5);

	@Bean
	NewTopic moderationTopic(TopicProperties topics) {
		return topic(Topics.MODERATION, topics.moderationPartitions(), topics);
	}

	@Bean
	NewTopic moderationDeadLetterTopic(TopicProperties topics) {
		return topic(Topics.MODERATION_DLQ, topics.deadLetterPartitions(), topics);
	}

	@Bean
	NewTopic moderationResultsTopic(TopicProperties topics) {
		return topic(Topics.MODERATION_RESULTS, topics.resultPartitions(), topics);
	}

	/** "kafka" in both services' readiness group. */
	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
		return new KafkaHealthIndicator(admin.getConfigurationProperties(), Duration.ofSeconds(3));
	}

	/** Tracing off (as in most tests): no trace ids, nothing else changes. */
	@Bean
	TaskTracing taskTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new TaskTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
				propagator.getIfAvailable(() -> Propagator.NOOP));
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	DefaultKafkaProducerFactoryCustomizer boundedProducerClose() {
		return (factory) -> factory.setPhysicalCloseTimeout((int) PRODUCER_CLOSE_TIMEOUT.toSeconds());
	}

	@Bean
	@Primary
	BatchPublisher batchPublisher(KafkaTemplate<String, String> kafka) {
		return new BatchPublisher(kafka);
	}

	@Bean
	DeadLetterOutbox deadLetterOutbox(JdbcClient jdbc, JsonMapper json, Clock clock) {
		return new DeadLetterOutbox(jdbc, json, clock);
	}

	/** Every committed change it announces wakes the result relay at once. */
	@Bean
	TaskRepository taskRepository(JdbcClient jdbc, ResultEventRelay resultEventRelay) {
		return new TaskRepository(jdbc, resultEventRelay::wakeUp);
	}

	/** The result events' own producer, for the same reason as the dead letters'. */
	@Bean
	BatchPublisher resultEventPublisher(ProducerFactory<String, String> producers,
			@Value("${spring.application.name}") String application) {
		return BatchPublisher.withOwnProducer(producers, application + "-result-events");
	}

	@Bean
	ResultEventRelay resultEventRelay(JdbcClient jdbc, TransactionTemplate transactions,
			@Qualifier("resultEventPublisher") BatchPublisher publisher, ResultEventProperties properties,
			MeterRegistry meters) {
		return new ResultEventRelay(jdbc, transactions, publisher, properties, meters);
	}

	@Bean
	RelayLoop resultEventRelayLoop(ResultEventRelay relay) {
		return relay.loop();
	}

	@Bean
	ReviewQueue reviewQueue(JdbcClient jdbc) {
		return new ReviewQueue(jdbc);
	}

	/**
	 * The dead letters' own producer: a moderation_dlq that refuses records, and whatever
	 * that does to a producer, must not stop the tasks' publishing.
	 */
	@Bean
	BatchPublisher deadLetterPublisher(ProducerFactory<String, String> producers,
			@Value("${spring.application.name}") String application) {
		return BatchPublisher.withOwnProducer(producers, application + "-dead-letters");
	}

	@Bean
	DeadLetterRelay deadLetterRelay(JdbcClient jdbc, TransactionTemplate transactions,
			@Qualifier("deadLetterPublisher") BatchPublisher publisher, DeadLetterProperties properties,
			MeterRegistry meters) {
		return new DeadLetterRelay(jdbc, transactions, publisher, properties, meters);
	}

	@Bean
	RelayLoop deadLetterRelayLoop(DeadLetterRelay relay) {
		return relay.loop();
	}

	/**
	 * A topic as the services create it when it is missing. Of an existing one, Spring's
	 * KafkaAdmin changes only the partition count, and only upwards, to this one: the
	 * deployments give the services the counts they created the topics with.
	 */
	private static NewTopic topic(String name, int partitions, TopicProperties topics) {
		TopicBuilder builder = TopicBuilder.name(name).partitions(partitions);
		if (topics.replicationFactor() > 0) {
			builder.replicas(topics.replicationFactor());
		}
		if (topics.minInsyncReplicas() > 0) {
			builder.config("min.insync.replicas", Integer.toString(topics.minInsyncReplicas()));
		}
		return builder.build();
	}

}
