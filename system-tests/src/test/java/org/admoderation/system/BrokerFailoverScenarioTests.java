package org.admoderation.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.admoderation.system.InvariantChecker.Result;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Production's Kafka: three brokers, topics with 3 replicas and min.insync.replicas 2,
 * producers with acks=all. The broker leading the most partitions is killed with SIGKILL
 * under load and restarted: nothing lost, nothing twice, lag back to 0. Full suite only
 * ({@code system-tests/run.sh full}); its row lands in
 * {@code faults/target/faults-failover/report-failover.md}.
 */
@TestInstance(Lifecycle.PER_CLASS)
class BrokerFailoverScenarioTests {

	private static final int TASKS = 1000;

	private static final int PER_SECOND = 150;

	private static final List<String> TOPICS = List.of("moderation", "moderation_dlq", "moderation_results",
			"__consumer_offsets");

	private ModerationCluster cluster;

	private String row = "";

	@BeforeAll
	void startCluster() throws IOException {
		assumeTrue("full".equals(System.getProperty("faults.suite", "short")), "full suite only");
		Path workDirectory = Path.of(System.getProperty("faults.workDirectory") + "-failover");
		this.cluster = ModerationCluster.inEmptyDirectory(workDirectory, 3);
		this.cluster.startApi();
		this.cluster.installTerminalTransitionCounter();
		this.cluster.startWorker();
		this.cluster.startWorker();
	}

	@AfterAll
	void report() throws IOException {
		if (this.cluster != null) {
			// Its own directory: the other suite's class clears faults/target/faults when
			// it starts.
			Files.writeString(this.cluster.workDirectory.resolve("report-failover.md"),
					Result.header() + "\n" + this.row + "\n");
			this.cluster.close();
		}
	}

	@Test
	void brokerLeadingTheMostPartitionsKilledUnderLoadThenRestarted() throws Exception {
		List<Long> advertisements = this.cluster.createAdvertisements(200);
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.bootstrapServers()))) {
			// As the services created them: every partition on three brokers, two in sync
			// needed.
			await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> describe(admin).size() == 3);
			for (TopicDescription topic : describe(admin).values()) {
				assertThat(topic.partitions()).as(topic.name())
					.allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(3));
			}
			for (String topic : List.of("moderation", "moderation_dlq", "moderation_results")) {
				ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
				assertThat(admin.describeConfigs(List.of(resource))
					.all()
					.get()
					.get(resource)
					.get("min.insync.replicas")
					.value()).as(topic).isEqualTo("2");
			}

			LoadGenerator load = new LoadGenerator();
			load.start(this.cluster.apiPort(), advertisements, TASKS, PER_SECOND);
			await().atMost(Duration.ofSeconds(30)).until(() -> load.submitted() >= 300);
			KafkaBroker victim = leadingTheMostPartitions(describe(admin));
			victim.kill();
			Instant killed = Instant.now();
			// Leaders move to the survivors; writes go on with two replicas in sync.
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(() -> everyPartition(admin,
						(partition) -> partition.leader() != null && partition.leader().id() != victim.nodeId()));
			Duration leadersMoved = Duration.between(killed, Instant.now());
			long terminalBefore = terminal(load);
			await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
			// Tasks went on being published and completed while the broker was away.
			assertThat(terminal(load)).as("tasks finished with a broker down").isGreaterThan(terminalBefore);
			victim.start();
			Instant restarted = Instant.now();

			load.awaitDone();
			Result result = new InvariantChecker(this.cluster).check(
					"broker leading the most partitions SIGKILLed, restarted 10 s later (3 brokers, RF 3, "
							+ "min.insync 2, acks=all; leaders moved in " + leadersMoved.toMillis() / 1000.0 + " s)",
					load.accepted(), Set.of(), restarted);
			this.row = result.row();
			System.out.println(this.row);
			assertThat(result.accepted()).isGreaterThanOrEqualTo(TASKS / 2);
			assertThat(result.holds()).as("invariants: %s", result).isTrue();
			// The restarted broker catches up: every partition has three replicas in sync
			// again.
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofSeconds(1))
				.ignoreExceptions()
				.until(() -> everyPartition(admin, (partition) -> partition.isr().size() == 3));
		}
	}

	private KafkaBroker leadingTheMostPartitions(Map<String, TopicDescription> topics) {
		Map<Integer, Integer> led = new HashMap<>();
		topics.values()
			.stream()
			.flatMap((topic) -> topic.partitions().stream())
			.map(TopicPartitionInfo::leader)
			.filter(java.util.Objects::nonNull)
			.forEach((leader) -> led.merge(leader.id(), 1, Integer::sum));
		int node = led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		System.out.println("Partitions led per broker: " + led + "; killing broker " + node);
		return this.cluster.brokers.stream().filter((broker) -> broker.nodeId() == node).findFirst().orElseThrow();
	}

	private long terminal(LoadGenerator load) {
		return this.cluster.jdbc
			.sql("select count(*) from moderation_results where id = any(:ids) and status <> 'pending'")
			.param("ids", load.accepted().toArray(Long[]::new))
			.query(Long.class)
			.single();
	}

	private static boolean everyPartition(Admin admin, Predicate<TopicPartitionInfo> condition) throws Exception {
		return describe(admin).values().stream().flatMap((topic) -> topic.partitions().stream()).allMatch(condition);
	}

	private static Map<String, TopicDescription> describe(Admin admin) throws Exception {
		return admin.describeTopics(TOPICS).allTopicNames().get();
	}

}
