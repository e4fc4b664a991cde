package org.admoderation.worker.moderation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.admoderation.common.review.ReviewQueue;
import org.admoderation.common.review.ReviewQueue.Cause;
import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskRepository.Verdict;
import org.admoderation.common.task.TaskStatus;
import org.admoderation.model.Advertisement;
import org.admoderation.model.Decision;
import org.admoderation.model.Reason;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The worker's view of its tasks: reads each with its ad and seller, and stores verdicts
 * and failures through the {@link TaskRepository}, whose every write is conditional on
 * the task still being {@code pending}, so a redelivered message never writes twice.
 */
@Repository
class TaskStore {

	private final JdbcClient jdbc;

	private final TaskRepository tasks;

	private final JsonMapper json;

	private final ReviewQueue reviewQueue;

	private final ReviewSampling sampling;

	TaskStore(JdbcClient jdbc, TaskRepository tasks, JsonMapper json, ReviewQueue reviewQueue,
			ReviewSampling sampling) {
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.json = json;
		this.reviewQueue = reviewQueue;
		this.sampling = sampling;
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
	 * the work (docs/design.md, invariant 6).
	 */
	void recordAttempts(Collection<Long> taskIds) {
		this.tasks.recordAttempts(taskIds);
	}

	/**
	 * Stores the verdicts of tasks that are still pending, and queues for a person those
	 * the model sent to review and the sampled others: call it in one transaction, so
	 * that no {@code review} decision is ever stored without its place in the queue.
	 * @return the tasks it completed, each with its age
	 */
	Map<Long, Duration> complete(List<ScoredTask> scored, String modelVersion) {
		Map<Long, Duration> completed = this.tasks.complete(scored.stream().map(this::toVerdict).toList(),
				modelVersion);
		Map<Long, Cause> forReview = new LinkedHashMap<>();
		for (ScoredTask task : scored) {
			if (completed.containsKey(task.taskId())) {
				this.sampling.causeFor(task.decision()).ifPresent((cause) -> forReview.put(task.taskId(), cause));
			}
		}
		this.reviewQueue.enqueue(forReview);
		return completed;
	}

	/**
	 * Fails a task that is still pending.
	 * @return the task's age if this call failed it; empty when it was already terminal
	 */
	Optional<Duration> fail(long taskId, String reason, String modelVersion) {
		return this.tasks.fail(taskId, reason, modelVersion);
	}

	private Verdict toVerdict(ScoredTask task) {
		return new Verdict(task.taskId(), task.decision().code(), task.decision() == Decision.REJECT,
				task.probability(), this.json.writeValueAsString(task.reasons()));
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
