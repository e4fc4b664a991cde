package org.admoderation.system;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.admoderation.testsupport.TopicRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * the invariants of docs/design.md, checked from the outside after a scenario: every
 * accepted task is terminal with exactly one terminal transition, the failed set equals
 * the set of tasks in moderation_dlq, no task failed for an infrastructure reason, and
 * the worker group's lag is 0.
 */
final class InvariantChecker {

	private static final Pattern RESULT_TASK_ID = Pattern.compile("\"task_id\":\\s*(\\d{1,18})[,}]");

	private static final Pattern RESULT_SEQUENCE = Pattern.compile("\"sequence\":\\s*(\\d{1,9})[,}]");

	/** A task id a long can hold: the fuzz scenario's letters carry longer numbers. */
	private static final Pattern DLQ_TASK_ID = Pattern
		.compile("\"original_message\"\\s*:\\s*\\{[^}]*\"task_id\"\\s*:\\s*(\\d{1,18})(?![\\d.eE])");

	private final ModerationCluster cluster;

	InvariantChecker(ModerationCluster cluster) {
		this.cluster = cluster;
	}

	/**
	 * @param expectedFailures error messages a task of this scenario may legitimately
	 * fail with
	 * @param faultEnded when the injected fault was over, for the recovery time
	 */
	Result check(String scenario, Set<Long> accepted, Set<String> expectedFailures, Instant faultEnded) {
		Long[] ids = accepted.toArray(Long[]::new);
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> pending(ids) == 0);
		Duration recovery = Duration.between(faultEnded, Instant.now());
		Map<String, Long> statuses = new HashMap<>();
		this.cluster.jdbc.sql("select status, count(*) from moderation_results where id = any(:ids) group by status")
			.param("ids", ids)
			.query((rs) -> {
				statuses.put(rs.getString(1), rs.getLong(2));
			});
		long duplicates = this.cluster.jdbc.sql("""
				select count(*) from (select task_id from test_terminal_transitions where task_id = any(:ids)
				group by task_id having count(*) > 1) d
				""").param("ids", ids).query(Long.class).single();
		long lost = accepted.size()
				- this.cluster.jdbc.sql("select count(*) from moderation_results where id = any(:ids)")
					.param("ids", ids)
					.query(Long.class)
					.single()
				+ pending(ids);
		Set<Long> failed = new HashSet<>(
				this.cluster.jdbc.sql("select id from moderation_results where id = any(:ids) and status = 'failed'")
					.param("ids", ids)
					.query(Long.class)
					.list());
		List<String> unexpectedFailures = this.cluster.jdbc
			.sql("select distinct error_message from moderation_results where id = any(:ids) and status = 'failed'")
			.param("ids", ids)
			.query(String.class)
			.list()
			.stream()
			.filter((reason) -> !expectedFailures.contains(reason))
			.toList();
		long infrastructureFailures = unexpectedFailures.isEmpty() ? 0
				: this.cluster.jdbc
					.sql("select count(*) from moderation_results where id = any(:ids) and status = 'failed' "
							+ "and error_message = any(:reasons)")
					.param("ids", ids)
					.param("reasons", unexpectedFailures.toArray(String[]::new))
					.query(Long.class)
					.single();
		Set<Long> deadLettered = new HashSet<>();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			deadLettered.clear();
			deadLettered.addAll(deadLetteredTasks(accepted));
			return deadLettered.equals(failed);
		});
		long lag = awaitLag();
		return new Result(scenario, accepted.size(), statuses.getOrDefault("completed", 0L),
				statuses.getOrDefault("failed", 0L), duplicates, lost, infrastructureFailures, lag,
				deadLettered.equals(failed), resultEventsDelivered(ids), recovery, unexpectedFailures);
	}

	/**
	 * Whether every decision and failure of these tasks reached moderation_results,
	 * exactly once once duplicates are dropped by their per-task sequence: the events on
	 * the topic, as (task, sequence), are those the outbox holds, and every task that
	 * ended has at least one.
	 */
	private boolean resultEventsDelivered(Long[] ids) {
		long endedWithoutEvent = this.cluster.jdbc.sql("""
				select count(*) from moderation_results t
				where t.id = any(:ids) and t.status <> 'pending'
				  and not exists (select 1 from result_events e where e.task_id = t.id)
				""").param("ids", ids).query(Long.class).single();
		Set<String> written = new HashSet<>(
				this.cluster.jdbc.sql("select task_id || ':' || sequence from result_events where task_id = any(:ids)")
					.param("ids", ids)
					.query(String.class)
					.list());
		Set<Long> tasks = Set.of(ids);
		Set<String> delivered = new HashSet<>();
		try {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
				delivered.clear();
				for (ConsumerRecord<String, String> record : TopicRecords.readAll(this.cluster.bootstrapServers(),
						"moderation_results")) {
					Matcher task = RESULT_TASK_ID.matcher(record.value());
					Matcher sequence = RESULT_SEQUENCE.matcher(record.value());
					if (task.find() && sequence.find() && tasks.contains(Long.parseLong(task.group(1)))) {
						delivered.add(task.group(1) + ":" + sequence.group(1));
					}
				}
				return delivered.equals(written);
			});
		}
		catch (ConditionTimeoutException ex) {
			// reported as a mismatch
		}
		return endedWithoutEvent == 0 && delivered.equals(written);
	}

	private long pending(Long[] ids) {
		return this.cluster.jdbc
			.sql("select count(*) from moderation_results where id = any(:ids) and status = 'pending'")
			.param("ids", ids)
			.query(Long.class)
			.single();
	}

	/**
	 * Task ids of the accepted set found in moderation_dlq (a task must appear at most
	 * once).
	 */
	private Set<Long> deadLetteredTasks(Set<Long> accepted) {
		Set<Long> tasks = new HashSet<>();
		for (ConsumerRecord<String, String> record : TopicRecords.readAll(this.cluster.bootstrapServers(),
				"moderation_dlq")) {
			Matcher matcher = DLQ_TASK_ID.matcher(record.value());
			if (matcher.find() && accepted.contains(Long.parseLong(matcher.group(1)))
					&& !tasks.add(Long.parseLong(matcher.group(1)))) {
				throw new IllegalStateException("Task " + matcher.group(1) + " has two dead letters");
			}
		}
		return tasks;
	}

	private long awaitLag() {
		long[] lag = { Long.MAX_VALUE };
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.bootstrapServers()))) {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("moderation-workers")
					.partitionsToOffsetAndMetadata()
					.get();
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				admin.describeTopics(List.of("moderation"))
					.allTopicNames()
					.get()
					.get("moderation")
					.partitions()
					.forEach((p) -> latest.put(new TopicPartition("moderation", p.partition()), OffsetSpec.latest()));
				long total = 0;
				for (var entry : admin.listOffsets(latest).all().get().entrySet()) {
					OffsetAndMetadata offset = committed.get(entry.getKey());
					total += entry.getValue().offset() - ((offset != null) ? offset.offset() : 0);
				}
				lag[0] = total;
				return total == 0;
			});
		}
		catch (RuntimeException ex) {
			// reported through the lag value
		}
		return lag[0];
	}

	/** One row of the reliability table. */
	record Result(String scenario, int accepted, long completed, long failed, long duplicates, long lost,
			long infrastructureFailures, long lag, boolean deadLettersMatchFailures, boolean resultsMatchDecisions,
			Duration recovery, List<String> unexpectedFailureReasons) {

		boolean holds() {
			return this.duplicates == 0 && this.lost == 0 && this.infrastructureFailures == 0 && this.lag == 0
					&& this.deadLettersMatchFailures && this.resultsMatchDecisions
					&& this.completed + this.failed == this.accepted;
		}

		String row() {
			return String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %s | %s | %.1f s |", this.scenario,
					this.accepted, this.completed, this.failed, this.duplicates, this.lost, this.infrastructureFailures,
					this.lag, this.deadLettersMatchFailures ? "yes" : "NO", this.resultsMatchDecisions ? "yes" : "NO",
					this.recovery.toMillis() / 1000.0);
		}

		static String header() {
			return "| scenario | accepted | completed | failed | duplicates | lost | failed by infra | lag | DLQ = failed "
					+ "| results = decisions | recovery |\n"
					+ "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: | ---: |";
		}

	}

}
