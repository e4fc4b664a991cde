package org.admoderation.common.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one owner of {@code moderation_results}: every change of a task's state is one of
 * these methods, in both services (docs/design.md, "Task life cycle").
 * <p>
 * A task is created {@code pending} and leaves it once, to {@code completed} or
 * {@code failed}; only a redrive brings a failed task back. Every move out of
 * {@code pending} is conditional on the task still being pending, so a redelivered
 * message, a second worker or a concurrent relay never writes a task twice.
 * <p>
 * The statuses are written into the statements from {@link TaskStatus} rather than bound
 * as parameters: the partial indexes on {@code status = 'pending'} and
 * {@code status = 'failed'} serve only a statement whose text names the status.
 */
public class TaskRepository {

	private static final String PENDING = sqlLiteral(TaskStatus.PENDING);

	private static final String COMPLETED = sqlLiteral(TaskStatus.COMPLETED);

	private static final String FAILED = sqlLiteral(TaskStatus.FAILED);

	/** Tasks as {@link #toTask} reads them; a where clause follows. */
	private static final String SELECT_TASKS = """
			select id, item_id, status, is_violation, probability, error_message, model_version, attempts,
			       created_at, processed_at, decision, reasons::text as reasons, model_decision, decided_by,
			       reviewed_at
			from moderation_results
			""";

	/** A task as {@link #toTask} reads it, by {@code :taskId}. */
	private static final String SELECT_TASK = SELECT_TASKS + "where id = :taskId\n";

	/**
	 * Announces, on {@code moderation_results}, the tasks of the CTE {@code changed}
	 * (rows of {@code moderation_results} as they stand after the change): one event
	 * each, the task's next in sequence, in the statement that changed them.
	 */
	private static final String ANNOUNCE_CHANGED = """
			insert into result_events (task_id, item_id, sequence, payload)
			select c.id, c.item_id, n.sequence, moderation_result_event(row(c.*)::moderation_results, n.sequence)::text
			from changed c
			cross join lateral (select coalesce(max(e.sequence), 0) + 1 as sequence
			                    from result_events e where e.task_id = c.id) n
			""";

	/**
	 * The next sequence number among the decisions of the task whose id is {@code %s}.
	 */
	private static final String NEXT_SEQUENCE = "coalesce((select max(d.sequence) from decisions d where d.task_id = %s), 0) + 1";

	private final JdbcClient jdbc;

	private final Runnable resultsAnnounced;

	public TaskRepository(JdbcClient jdbc) {
		this(jdbc, () -> {
		});
	}

	/**
	 * @param resultsAnnounced run once the result events a change wrote are committed (at
	 * once outside a transaction): what wakes their relay
	 */
	public TaskRepository(JdbcClient jdbc, Runnable resultsAnnounced) {
		this.jdbc = jdbc;
		this.resultsAnnounced = resultsAnnounced;
	}

	/**
	 * Creates a pending task for each requested ad that exists, in one statement: the
	 * existence check and the insert cannot race with a concurrent delete into an
	 * orphan-at-birth task. An ad requested twice gets two tasks.
	 * @return the tasks created, in request order; requested ads that do not exist have
	 * none
	 */
	public List<CreatedTask> create(List<NewTask> requested) {
		return this.jdbc.sql("""
				insert into moderation_results (item_id, status, trace_parent, client_name)
				select a.id, %s, requested.trace_parent, requested.client_name
				from unnest(:itemIds::bigint[], :traceParents::text[], :clientNames::text[])
				     with ordinality as requested(item_id, trace_parent, client_name, position)
				join advertisements a on a.id = requested.item_id
				order by requested.position
				returning id, item_id, trace_parent, client_name
				""".formatted(PENDING))
			.param("itemIds", requested.stream().map(NewTask::itemId).toArray(Long[]::new))
			.param("traceParents", requested.stream().map(NewTask::traceParent).toArray(String[]::new))
			.param("clientNames", requested.stream().map(NewTask::clientName).toArray(String[]::new))
			.query((rs, row) -> new CreatedTask(rs.getLong("id"), rs.getLong("item_id"), rs.getString("trace_parent"),
					rs.getString("client_name")))
			.list();
	}

	public Optional<ModerationTask> findById(long taskId) {
		return this.jdbc.sql(SELECT_TASK).param("taskId", taskId).query(TaskRepository::toTask).optional();
	}

	/** The tasks among these that exist, in no particular order, in one query. */
	public List<ModerationTask> findByIds(Collection<Long> taskIds) {
		if (taskIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(SELECT_TASKS + "where id = any(:taskIds)")
			.param("taskIds", ids(taskIds))
			.query(TaskRepository::toTask)
			.list();
	}

	/**
	 * Locks up to {@code limit} pending tasks whose publish is due, oldest due first,
	 * skipping those another relay holds: call it inside the transaction that records
	 * what became of them.
	 */
	public List<DueTask> claimDue(int limit) {
		return this.jdbc.sql("""
				select id, item_id, attempts, publishes, trace_parent from moderation_results
				where status = %s and publish_due_at <= now()
				order by publish_due_at
				limit :limit
				for update skip locked
				""".formatted(PENDING))
			.param("limit", limit)
			.query((rs, row) -> new DueTask(rs.getLong("id"), rs.getLong("item_id"), rs.getInt("attempts"),
					rs.getInt("publishes"), rs.getString("trace_parent")))
			.list();
	}

	/**
	 * Records that the broker acknowledged these tasks: each is due again (published
	 * anew) if no worker finishes it within the processing timeout, doubled per publish
	 * up to 64 times, so a slow but healthy backlog is not flooded with copies.
	 */
	public void markPublished(Collection<Long> taskIds, Duration processingTimeout) {
		if (taskIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update moderation_results
				set publishes = publishes + 1,
				    publish_due_at = now() + make_interval(secs => :timeoutSeconds * power(2, least(publishes, 6)))
				where id = any(:ids) and status = %s
				""".formatted(PENDING))
			.param("timeoutSeconds", seconds(processingTimeout))
			.param("ids", ids(taskIds))
			.update();
	}

	/**
	 * Records that the broker did not acknowledge these tasks: due again after a backoff.
	 */
	public void postpone(Collection<Long> taskIds, Duration backoff) {
		if (taskIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update moderation_results
				set publish_due_at = now() + make_interval(secs => :backoffSeconds)
				where id = any(:ids) and status = %s
				""".formatted(PENDING)).param("backoffSeconds", seconds(backoff)).param("ids", ids(taskIds)).update();
	}

	/**
	 * Counts a processing attempt on each task that is still pending. Committed before
	 * the work, so a task that keeps killing or stalling its workers runs out of attempts
	 * (docs/design.md, invariant 6).
	 */
	public void recordAttempts(Collection<Long> taskIds) {
		if (taskIds.isEmpty()) {
			return;
		}
		this.jdbc
			.sql("update moderation_results set attempts = attempts + 1 where id = any(:ids) and status = %s"
				.formatted(PENDING))
			.param("ids", ids(taskIds))
			.update();
	}

	/**
	 * Stores the model's verdicts of tasks that are still pending, each with its row in
	 * the audit trail ({@code decisions}) and its event for {@code moderation_results},
	 * in one statement.
	 * @return the tasks it completed, each with its age: the time since it was created,
	 * by the database's clock (no skew with this machine's)
	 */
	public Map<Long, Duration> complete(List<Verdict> verdicts, String modelVersion) {
		if (verdicts.isEmpty()) {
			return Map.of();
		}
		Map<Long, Duration> completed = this.jdbc
			.sql("""
					with changed as (
					    update moderation_results t
					    set status = %s, is_violation = s.is_violation, probability = s.probability,
					        decision = s.decision, model_decision = s.decision, reasons = s.reasons::jsonb,
					        model_version = :modelVersion, processed_at = now(), publish_due_at = null
					    from unnest(:ids, :violations, :probabilities, :decisions, :reasons)
					        as s(id, is_violation, probability, decision, reasons)
					    where t.id = s.id and t.status = %s
					    returning t.*
					), logged as (
					    insert into decisions (task_id, sequence, actor_kind, actor, decision, reasons, model_version)
					    select c.id, %s, %s, :modelVersion, c.decision, c.reasons, :modelVersion
					    from changed c
					), announced as (
					%s
					)
					select id, extract(epoch from clock_timestamp() - created_at) as age_seconds from changed
					""".formatted(COMPLETED, PENDING, NEXT_SEQUENCE.formatted("c.id"), sqlLiteral(ActorKind.MODEL),
					ANNOUNCE_CHANGED))
			.param("modelVersion", modelVersion)
			.param("ids", verdicts.stream().map(Verdict::taskId).toArray(Long[]::new))
			.param("violations", verdicts.stream().map(Verdict::violation).toArray(Boolean[]::new))
			.param("probabilities", verdicts.stream().map(Verdict::probability).toArray(Double[]::new))
			.param("decisions", verdicts.stream().map(Verdict::decision).toArray(String[]::new))
			.param("reasons", verdicts.stream().map(Verdict::reasonsJson).toArray(String[]::new))
			.query((rs, row) -> Map.entry(rs.getLong("id"), age(rs)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		if (!completed.isEmpty()) {
			announced();
		}
		return completed;
	}

	/**
	 * Locks a task's row until the caller's transaction ends, so that the decision it
	 * then records is the only one made in the meantime: call it inside that transaction.
	 */
	public Optional<ModerationTask> lockForDecision(long taskId) {
		return this.jdbc.sql(SELECT_TASK + "for update")
			.param("taskId", taskId)
			.query(TaskRepository::toTask)
			.optional();
	}

	/**
	 * Makes a person's verdict the decision of a completed task, the model's kept beside
	 * it, adds it to the audit trail and announces it on {@code moderation_results}. Call
	 * it in the transaction that locked the task ({@link #lockForDecision}).
	 * @return the decision's sequence number among the task's decisions (the model's is
	 * 1); empty when the task is not completed
	 */
	public OptionalInt decide(long taskId, HumanDecision decision) {
		// A task the model decided before the audit trail existed gets its model row
		// first,
		// so that the trail starts with the model's decision, as every later task's does.
		this.jdbc
			.sql("""
					insert into decisions (task_id, sequence, actor_kind, actor, decision, reasons, model_version, created_at)
					select t.id, 1, %s, coalesce(t.model_version, 'unknown'), coalesce(t.model_decision, t.decision),
					       t.reasons, t.model_version, coalesce(t.processed_at, now())
					from moderation_results t
					where t.id = :taskId and t.status = %s and t.decision is not null
					  and not exists (select 1 from decisions d where d.task_id = t.id)
					"""
				.formatted(sqlLiteral(ActorKind.MODEL), COMPLETED))
			.param("taskId", taskId)
			.update();
		// The right-hand sides read the row as it was: a task decided before
		// model_decision
		// existed keeps its model's decision there. clock_timestamp(), not the
		// transaction's start, so that reviewed_at orders verdicts as they were given.
		int updated = this.jdbc.sql("""
				update moderation_results
				set model_decision = coalesce(model_decision, decision), decision = :verdict,
				    is_violation = (:verdict = 'reject'), decided_by = :actor, reviewed_at = clock_timestamp()
				where id = :taskId and status = %s and decision is not null
				""".formatted(COMPLETED))
			.param("verdict", decision.verdict())
			.param("actor", decision.actor())
			.param("taskId", taskId)
			.update();
		if (updated == 0) {
			return OptionalInt.empty();
		}
		int sequence = this.jdbc.sql("""
				insert into decisions (task_id, sequence, actor_kind, actor, decision, reason_code, note, model_version)
				select t.id, %s, :actorKind, :actor, :verdict, :reasonCode, :note, t.model_version
				from moderation_results t where t.id = :taskId
				returning sequence
				""".formatted(NEXT_SEQUENCE.formatted("t.id")))
			.param("actorKind", decision.actorKind().value())
			.param("actor", decision.actor())
			.param("verdict", decision.verdict())
			.param("reasonCode", decision.reasonCode())
			.param("note", decision.note())
			.param("taskId", taskId)
			.query(Integer.class)
			.single();
		// After its row in the audit trail, whose reason code the event carries.
		this.jdbc.sql("with changed as (select * from moderation_results where id = :taskId)\n" + ANNOUNCE_CHANGED)
			.param("taskId", taskId)
			.update();
		announced();
		return OptionalInt.of(sequence);
	}

	/**
	 * Fails a task a worker could not moderate (its ad is gone, or the model cannot score
	 * it), if it is still pending, and announces it on {@code moderation_results}.
	 * @return the task's age if this call failed it; empty when it was already terminal
	 */
	public Optional<Duration> fail(long taskId, String reason, String modelVersion) {
		Optional<Duration> failed = this.jdbc.sql("""
				with changed as (
				    update moderation_results
				    set status = %s, error_message = :reason, model_version = :modelVersion,
				        processed_at = now(), publish_due_at = null
				    where id = :id and status = %s
				    returning *
				), announced as (
				%s
				)
				select extract(epoch from clock_timestamp() - created_at) as age_seconds from changed
				""".formatted(FAILED, PENDING, ANNOUNCE_CHANGED))
			.param("reason", reason)
			.param("modelVersion", modelVersion)
			.param("id", taskId)
			.query((rs, row) -> age(rs))
			.optional();
		failed.ifPresent((age) -> announced());
		return failed;
	}

	/**
	 * Fails a task no worker finished within its deliveries, if it is still pending, and
	 * announces it on {@code moderation_results}.
	 * @return whether this call failed it (false when it was already terminal)
	 */
	public boolean giveUp(long taskId, String reason) {
		boolean gaveUp = this.jdbc.sql("""
				with changed as (
				    update moderation_results
				    set status = %s, error_message = :reason, processed_at = now(), publish_due_at = null
				    where id = :id and status = %s
				    returning *
				), announced as (
				%s
				)
				select count(*) from changed
				""".formatted(FAILED, PENDING, ANNOUNCE_CHANGED))
			.param("reason", reason)
			.param("id", taskId)
			.query(Long.class)
			.single() == 1;
		if (gaveUp) {
			announced();
		}
		return gaveUp;
	}

	/** Up to {@code limit} tasks that failed in {@code [from, to)}, oldest first. */
	public List<Long> failedBetween(Instant from, Instant to, int limit) {
		return this.jdbc.sql("""
				select id from moderation_results
				where status = %s and processed_at >= :from and processed_at < :to
				order by processed_at
				limit :limit
				""".formatted(FAILED))
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	/**
	 * Sends the tasks among these that are failed back to {@code pending}, their verdict,
	 * error and attempts cleared and their publish due now.
	 * @return the tasks redriven; a task that was not failed at that moment is not
	 */
	public List<Long> redrive(Collection<Long> taskIds) {
		return this.jdbc.sql("""
				update moderation_results
				set status = %s, is_violation = null, probability = null, error_message = null,
				    decision = null, reasons = null, model_version = null, processed_at = null,
				    model_decision = null, decided_by = null, reviewed_at = null,
				    attempts = 0, publishes = 0, publish_due_at = now()
				where id = any(:ids) and status = %s
				returning id
				""".formatted(PENDING, FAILED)).param("ids", ids(taskIds)).query(Long.class).list();
	}

	/** Pending tasks, and how many of them are due for publishing. */
	public PendingCounts countPending() {
		return this.jdbc.sql("""
				select count(*) filter (where publish_due_at <= now()) as due, count(*) as pending
				from moderation_results where status = %s
				""".formatted(PENDING))
			.query((rs, row) -> new PendingCounts(rs.getLong("pending"), rs.getLong("due")))
			.single();
	}

	/** Wakes the result relay once the events just written are committed. */
	private void announced() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					TaskRepository.this.resultsAnnounced.run();
				}
			});
		}
		else {
			this.resultsAnnounced.run();
		}
	}

	private static String sqlLiteral(TaskStatus status) {
		return "'" + status.value() + "'";
	}

	private static String sqlLiteral(ActorKind kind) {
		return "'" + kind.value() + "'";
	}

	private static Long[] ids(Collection<Long> taskIds) {
		return taskIds.toArray(Long[]::new);
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private static Duration age(ResultSet rs) throws SQLException {
		return Duration.ofNanos(Math.round(rs.getDouble("age_seconds") * 1e9));
	}

	private static ModerationTask toTask(ResultSet rs, int row) throws SQLException {
		return new ModerationTask(rs.getLong("id"), rs.getLong("item_id"), TaskStatus.fromValue(rs.getString("status")),
				rs.getObject("is_violation", Boolean.class), rs.getObject("probability", Double.class),
				rs.getString("error_message"), rs.getString("model_version"), rs.getInt("attempts"),
				rs.getTimestamp("created_at").toInstant(), instantOrNull(rs.getTimestamp("processed_at")),
				rs.getString("decision"), rs.getString("reasons"), rs.getString("model_decision"),
				rs.getString("decided_by"), instantOrNull(rs.getTimestamp("reviewed_at")));
	}

	private static @Nullable Instant instantOrNull(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * A task to create.
	 *
	 * @param traceParent the W3C trace context of the request that asked for it
	 * @param clientName the client whose key submitted it, whose webhooks receive its
	 * results; null for an unnamed key or an open API
	 */
	public record NewTask(long itemId, @Nullable String traceParent, @Nullable String clientName) {

	}

	/** A task just created for an advertisement. */
	public record CreatedTask(long id, long itemId, @Nullable String traceParent, @Nullable String clientName) {

		/** The request it was created for. */
		public NewTask request() {
			return new NewTask(this.itemId, this.traceParent, this.clientName);
		}

	}

	/** A pending task whose publish is due, locked by the caller's transaction. */
	public record DueTask(long id, long itemId, int attempts, int publishes, @Nullable String traceParent) {

	}

	/**
	 * A verdict to store.
	 *
	 * @param decision approve, review or reject
	 * @param violation the seed's {@code is_violation}: true exactly when it rejects
	 * @param reasonsJson the verdict's reasons as a JSON array
	 */
	public record Verdict(long taskId, String decision, boolean violation, double probability, String reasonsJson) {

	}

	/**
	 * A person's verdict on a completed task.
	 *
	 * @param actor the reviewer's or operator's name, from its credential
	 * @param verdict approve or reject
	 * @param reasonCode the policy behind it (required to reject)
	 */
	public record HumanDecision(ActorKind actorKind, String actor, String verdict, @Nullable String reasonCode,
			@Nullable String note) {

	}

	/**
	 * @param due pending tasks whose publish is due now
	 */
	public record PendingCounts(long pending, long due) {

	}

}
