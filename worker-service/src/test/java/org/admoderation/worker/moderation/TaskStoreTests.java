package org.admoderation.worker.moderation;

import java.util.List;
import java.util.Map;

import org.admoderation.common.review.ReviewQueue;
import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskStatus;
import org.admoderation.model.Decision;
import org.admoderation.model.Evidence;
import org.admoderation.model.Reason;
import org.admoderation.testsupport.TestInfrastructure;
import org.admoderation.worker.moderation.TaskStore.ScoredTask;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The worker's SQL on a real PostgreSQL: every write is conditional on the task still
 * being pending, so a redelivery or a second worker racing on the same task never writes
 * twice.
 */
class TaskStoreTests {

	private static JdbcClient jdbc;

	private static TaskStore store;

	@BeforeAll
	static void migrate() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
				TestInfrastructure.jdbcUrl(), TestInfrastructure.username(), TestInfrastructure.password());
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		jdbc = JdbcClient.create(dataSource);
		store = storeSampling(0);
	}

	private static TaskStore storeSampling(double sampleRate) {
		return new TaskStore(jdbc, new TaskRepository(jdbc), JsonMapper.builder().build(), new ReviewQueue(jdbc),
				new ReviewSampling(sampleRate, () -> 0.5));
	}

	@Test
	void loadsTasksWithTheirAdvertisementAndSellerAndMissingAdsAsNull() {
		long itemId = advertisement();
		long withAd = task(itemId);
		long withoutAd = task(Long.MAX_VALUE);

		Map<Long, TaskSnapshot> snapshots = store.load(List.of(withAd, withoutAd, -1L));

		assertThat(snapshots).containsOnlyKeys(withAd, withoutAd);
		assertThat(snapshots.get(withAd).advertisement()).isNotNull();
		assertThat(snapshots.get(withAd).advertisement().sellerVerified()).isTrue();
		assertThat(snapshots.get(withAd).advertisement().category()).isEqualTo(3);
		assertThat(snapshots.get(withoutAd).advertisement()).isNull();
		assertThat(snapshots.get(withAd).status()).isEqualTo(TaskStatus.PENDING);
	}

	@Test
	void completingTwiceWritesOnce() {
		long taskId = task(advertisement());

		Reason contacts = new Reason("contacts_in_text", null, 0.97,
				List.of(new Evidence("description", 41, 57, "+7 926 111 22 33")));
		assertThat(store.complete(List.of(new ScoredTask(taskId, Decision.REJECT, 0.9, List.of(contacts))), "m:1"))
			.containsOnlyKeys(taskId);
		assertThat(store.complete(List.of(new ScoredTask(taskId, Decision.APPROVE, 0.1, List.of())), "m:2")).isEmpty();

		assertThat(column(taskId, "is_violation")).isEqualTo("true");
		assertThat(column(taskId, "probability")).isEqualTo("0.9");
		assertThat(column(taskId, "model_version")).isEqualTo("m:1");
		assertThat(column(taskId, "decision")).isEqualTo("reject");
		assertThat(column(taskId, "reasons")).isEqualTo("[{\"code\": \"contacts_in_text\", \"score\": 0.97, "
				+ "\"evidence\": [{\"end\": 57, \"text\": \"+7 926 111 22 33\", \"field\": \"description\", "
				+ "\"start\": 41}]}]");
	}

	@Test
	void theModelsDecisionIsTheFirstOfTheTasksAuditTrailAndKeptBesideTheResult() {
		long taskId = task(advertisement());
		Reason contacts = new Reason("contacts_in_text", null, 0.97,
				List.of(new Evidence("description", 41, 57, "+7 926 111 22 33")));

		store.complete(List.of(new ScoredTask(taskId, Decision.REJECT, 0.9, List.of(contacts))), "m:1");
		store.complete(List.of(new ScoredTask(taskId, Decision.APPROVE, 0.1, List.of())), "m:2");

		assertThat(column(taskId, "model_decision")).isEqualTo("reject");
		assertThat(column(taskId, "decided_by is null")).isEqualTo("true");
		assertThat(jdbc.sql("""
				select sequence || ' ' || actor_kind || ' ' || actor || ' ' || decision || ' ' || model_version
				       || ' ' || (reasons -> 0 ->> 'code')
				from decisions where task_id = :id
				""").param("id", taskId).query(String.class).list())
			.containsExactly("1 model m:1 reject m:1 contacts_in_text");
	}

	@Test
	void eachDecisionAndEachFailureIsAnnouncedOnceInTheSameStatement() {
		long completed = task(advertisement());
		long failed = task(advertisement());
		Reason contacts = new Reason("contacts_in_text", null, 0.97,
				List.of(new Evidence("description", 41, 57, "+7 926 111 22 33")));

		store.complete(List.of(new ScoredTask(completed, Decision.REJECT, 0.9, List.of(contacts))), "m:1");
		store.complete(List.of(new ScoredTask(completed, Decision.APPROVE, 0.1, List.of())), "m:1");
		store.fail(failed, "Advertisement not found", "m:1");
		store.fail(failed, "Advertisement not found", "m:1");

		assertThat(events(completed)).singleElement().satisfies((event) -> {
			assertThat(event).contains("\"sequence\": 1", "\"status\": \"completed\"", "\"decision\": \"reject\"",
					"\"is_violation\": true", "\"decided_by\": \"model\"", "\"model_version\": \"m:1\"",
					"\"text\": \"+7 926 111 22 33\"", "\"error_message\": null");
			assertThat(event).containsPattern("\"decided_at\": \"\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z\"");
		});
		assertThat(events(failed)).singleElement()
			.asString()
			.contains("\"sequence\": 1", "\"status\": \"failed\"", "\"decision\": null",
					"\"error_message\": \"Advertisement not found\"", "\"decided_by\": null");
	}

	private static List<String> events(long taskId) {
		return jdbc.sql("select payload::jsonb::text from result_events where task_id = :id order by sequence")
			.param("id", taskId)
			.query(String.class)
			.list();
	}

	@Test
	void theAuditTrailCannotBeRewritten() {
		long taskId = task(advertisement());
		store.complete(List.of(new ScoredTask(taskId, Decision.REJECT, 0.9, List.of())), "m:1");

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> jdbc.sql("update decisions set decision = 'approve' where task_id = :id")
				.param("id", taskId)
				.update())
			.havingRootCause()
			.withMessageContaining("audit trail");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> jdbc.sql("delete from decisions where task_id = :id").param("id", taskId).update());
		assertThat(jdbc.sql("select decision from decisions where task_id = :id")
			.param("id", taskId)
			.query(String.class)
			.single()).isEqualTo("reject");
	}

	@Test
	void reviewDecisionsAreQueuedForAPersonAndOthersOnlyWhenSampled() {
		long review = task(advertisement());
		long approve = task(advertisement());
		long reject = task(advertisement());
		long sampledApprove = task(advertisement());

		storeSampling(0.4).complete(List.of(new ScoredTask(review, Decision.REVIEW, 0.6, List.of()),
				new ScoredTask(approve, Decision.APPROVE, 0.1, List.of()),
				new ScoredTask(reject, Decision.REJECT, 0.9, List.of())), "m:1");
		storeSampling(0.6).complete(List.of(new ScoredTask(sampledApprove, Decision.APPROVE, 0.1, List.of())), "m:1");
		storeSampling(0.6).complete(List.of(new ScoredTask(review, Decision.REVIEW, 0.6, List.of())), "m:1");

		assertThat(
				jdbc.sql("select task_id || ' ' || cause from review_queue where task_id = any(:ids) order by task_id")
					.param("ids", new Long[] { review, approve, reject, sampledApprove })
					.query(String.class)
					.list())
			.containsExactly(review + " review", sampledApprove + " quality_sample");
	}

	@Test
	void aCompletedTaskCannotBeFailedAndAFailedOneCannotBeCompleted() {
		long completed = task(advertisement());
		long failed = task(advertisement());
		store.complete(List.of(new ScoredTask(completed, Decision.APPROVE, 0.2, List.of())), "m:1");

		assertThat(store.fail(completed, "late failure", "m:1")).isEmpty();
		assertThat(store.fail(failed, "Advertisement not found", "m:1"))
			.hasValueSatisfying((age) -> assertThat(age).isPositive().isLessThan(java.time.Duration.ofMinutes(1)));
		assertThat(store.complete(List.of(new ScoredTask(failed, Decision.APPROVE, 0.2, List.of())), "m:1")).isEmpty();

		assertThat(column(completed, "status")).isEqualTo("completed");
		assertThat(column(failed, "status")).isEqualTo("failed");
		assertThat(column(failed, "error_message")).isEqualTo("Advertisement not found");
	}

	@Test
	void attemptsAreCountedOnPendingTasksOnly() {
		long pending = task(advertisement());
		long completed = task(advertisement());
		store.complete(List.of(new ScoredTask(completed, Decision.APPROVE, 0.2, List.of())), "m:1");

		store.recordAttempts(List.of(pending, completed));
		store.recordAttempts(List.of(pending));

		assertThat(column(pending, "attempts")).isEqualTo("2");
		assertThat(column(completed, "attempts")).isEqualTo("0");
	}

	private static long advertisement() {
		long sellerId = jdbc.sql("insert into sellers (name, is_verified) values ('store test', true) returning id")
			.query(Long.class)
			.single();
		return jdbc.sql("""
				insert into advertisements (seller_id, title, description, category, price, images_qty)
				values (:sellerId, 'Стол', 'Дубовый стол', 3, 18000, 5) returning id
				""").param("sellerId", sellerId).query(Long.class).single();
	}

	private static long task(long itemId) {
		return jdbc.sql("insert into moderation_results (item_id) values (:itemId) returning id")
			.param("itemId", itemId)
			.query(Long.class)
			.single();
	}

	private static String column(long taskId, String column) {
		return jdbc.sql("select " + column + "::text from moderation_results where id = :id")
			.param("id", taskId)
			.query(String.class)
			.single();
	}

}
