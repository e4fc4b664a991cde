package org.admoderation.api.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.admoderation.common.messaging.TaskStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The API's access to {@code moderation_results}: create a task for an existing ad, read
 * one.
 */
@Repository
public class ModerationTasks {

	private final JdbcClient jdbc;

	public ModerationTasks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Creates a pending task for each requested ad that exists, in one statement: the
	 * existence check and the insert cannot race with a concurrent delete into an
	 * orphan-at-birth task. An ad requested twice gets two tasks.
	 * @return the tasks created, in request order; requested ads that do not exist have
	 * none
	 */
	public List<CreatedTask> createPendingForExistingAdvertisements(List<NewTask> requested) {
		return this.jdbc.sql("""
				insert into moderation_results (item_id, trace_parent)
				select a.id, requested.trace_parent
				from unnest(:itemIds::bigint[], :traceParents::text[])
				     with ordinality as requested(item_id, trace_parent, position)
				join advertisements a on a.id = requested.item_id
				order by requested.position
				returning id, item_id, trace_parent
				""")
			.param("itemIds", requested.stream().map(NewTask::itemId).toArray(Long[]::new))
			.param("traceParents", requested.stream().map(NewTask::traceParent).toArray(String[]::new))
			.query((rs, row) -> new CreatedTask(rs.getLong("id"), rs.getLong("item_id"), rs.getString("trace_parent")))
			.list();
	}

	public Optional<ModerationTask> findById(long taskId) {
		return this.jdbc.sql("""
				select id, item_id, status, is_violation, probability, error_message, model_version, attempts,
				       created_at, processed_at, decision, reasons::text as reasons
				from moderation_results where id = :taskId
				""").param("taskId", taskId).query(ModerationTasks::toTask).optional();
	}

	private static ModerationTask toTask(ResultSet rs, int row) throws SQLException {
		return new ModerationTask(rs.getLong("id"), rs.getLong("item_id"), TaskStatus.fromValue(rs.getString("status")),
				rs.getObject("is_violation", Boolean.class), rs.getObject("probability", Double.class),
				rs.getString("error_message"), rs.getString("model_version"), rs.getInt("attempts"),
				instant(rs.getTimestamp("created_at")), instantOrNull(rs.getTimestamp("processed_at")),
				rs.getString("decision"), rs.getString("reasons"));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp.toInstant();
	}

	private static @Nullable Instant instantOrNull(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * A task to create.
	 *
	 * @param traceParent the W3C trace context of the request that asked for it
	 */
	public record NewTask(long itemId, @Nullable String traceParent) {

	}

	/** A task just created for an advertisement. */
	public record CreatedTask(long id, long itemId, @Nullable String traceParent) {

		/** The request it was created for. */
		public NewTask request() {
			return new NewTask(this.itemId, this.traceParent);
		}

	}

}
