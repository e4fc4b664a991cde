package org.admoderation.worker.moderation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.admoderation.common.messaging.TaskStatus;
import org.admoderation.model.Advertisement;
import org.admoderation.model.Decision;
import org.admoderation.model.Reason;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The worker's reads and writes of {@code moderation_results}. Every write is conditional
 * on the task still being {@code pending}, so a redelivered message never writes twice.
 */
@Repository
class TaskStore {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	TaskStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The tasks with these ids that exist, with their ads, in one query. */
	Map<Long, TaskSnapshot> load(Collection<Long> taskIds) {
		if (taskIds.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("""
				select t.id, t.item_id, t.status, t.attempts,
				       a.id as ad_id, a.title, a.description, a.category, a.price, a.images_qty, s.is_verified
				from moderation_results t
				left join advertisements a on a.id = t.item_id
				left join sellers s on s.id = a.seller_id
				where t.id = any(:ids)
				""")
			.param("ids", taskIds.toArray(Long[]::new))
			.query(TaskStore::toSnapshot)
			.list()
			.stream()
			.collect(Collectors.toMap(TaskSnapshot::taskId, Function.identity()));
	}

	/**
	 * Counts a processing attempt on each task that is still pending, committed before
	 * the work: a task that keeps killing or stalling its workers runs out of attempts
	 * (DESIGN.md invariant 6).
	 */
	void recordAttempts(Collection<Long> taskIds) {
		if (taskIds.isEmpty()) {
			return;
		}
		this.jdbc
			.sql("update moderation_results set attempts = attempts + 1 where id = any(:ids) and status = 'pending'")
			.param("ids", taskIds.toArray(Long[]::new))
			.update();
	}

	/**
	 * Stores the scores of tasks that are still pending, in one statement.
	 * @return the tasks it completed, each with its age: the time since it was created,
	 * by the database's clock (no skew with this machine's)
	 */
	Map<Long, Duration> complete(List<ScoredTask> scored, String modelVersion) {
		if (scored.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("""
				update moderation_results t
				set status = 'completed', is_violation = s.is_violation, probability = s.probability,
				    decision = s.decision, reasons = s.reasons::jsonb,
				    model_version = :modelVersion, processed_at = now(), publish_due_at = null
				from unnest(:ids, :violations, :probabilities, :decisions, :reasons)
				    as s(id, is_violation, probability, decision, reasons)
				where t.id = s.id and t.status = 'pending'
				returning t.id, extract(epoch from clock_timestamp() - t.created_at) as age_seconds
				""")
			.param("modelVersion", modelVersion)
			.param("ids", scored.stream().map(ScoredTask::taskId).toArray(Long[]::new))
			.param("violations",
					scored.stream().map((task) -> task.decision() == Decision.REJECT).toArray(Boolean[]::new))
			.param("probabilities", scored.stream().map(ScoredTask::probability).toArray(Double[]::new))
			.param("decisions", scored.stream().map((task) -> task.decision().code()).toArray(String[]::new))
			.param("reasons",
					scored.stream().map((task) -> this.json.writeValueAsString(task.reasons())).toArray(String[]::new))
			.query((rs, row) -> Map.entry(rs.getLong("id"), seconds(rs.getDouble("age_seconds"))))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * Fails a task that is still pending.
	 * @return the task's age if this call failed it; empty when it was already terminal
	 */
	Optional<Duration> fail(long taskId, String reason, String modelVersion) {
		return this.jdbc.sql("""
				update moderation_results
				set status = 'failed', error_message = :reason, model_version = :modelVersion,
				    processed_at = now(), publish_due_at = null
				where id = :id and status = 'pending'
				returning extract(epoch from clock_timestamp() - created_at) as age_seconds
				""")
			.param("reason", reason)
			.param("modelVersion", modelVersion)
			.param("id", taskId)
			.query((rs, row) -> seconds(rs.getDouble("age_seconds")))
			.optional();
	}

	private static Duration seconds(double seconds) {
		return Duration.ofNanos(Math.round(seconds * 1e9));
	}

	private static TaskSnapshot toSnapshot(ResultSet rs, int row) throws SQLException {
		Advertisement advertisement = null;
		if (rs.getObject("ad_id") != null) {
			advertisement = new Advertisement(rs.getLong("ad_id"), rs.getString("title"), rs.getString("description"),
					rs.getInt("category"), rs.getBigDecimal("price"), rs.getInt("images_qty"),
					rs.getBoolean("is_verified"));
		}
		return new TaskSnapshot(rs.getLong("id"), rs.getLong("item_id"), TaskStatus.fromValue(rs.getString("status")),
				rs.getInt("attempts"), advertisement);
	}

	/**
	 * A verdict to store; the seed's {@code is_violation} is true exactly when it
	 * rejects.
	 */
	record ScoredTask(long taskId, Decision decision, double probability, List<Reason> reasons) {

	}

}
