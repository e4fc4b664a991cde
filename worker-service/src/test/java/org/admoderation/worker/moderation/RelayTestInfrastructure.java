package org.admoderation.worker.moderation;

import java.util.Map;

import org.admoderation.testsupport.TestInfrastructure;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the relays' tests share: the migrated test database, and producers that cannot
 * send a record over {@link #MAX_REQUEST_SIZE} bytes, which is how a test makes one the
 * broker never takes.
 */
final class RelayTestInfrastructure {

	static final int MAX_REQUEST_SIZE = 4_000;

	final JdbcClient jdbc;

	final TransactionTemplate transactions;

	final DefaultKafkaProducerFactory<String, String> producers;

	RelayTestInfrastructure() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
				TestInfrastructure.jdbcUrl(), TestInfrastructure.username(), TestInfrastructure.password());
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		this.jdbc = JdbcClient.create(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.producers = new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.kafkaBootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE, ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000));
	}

}
