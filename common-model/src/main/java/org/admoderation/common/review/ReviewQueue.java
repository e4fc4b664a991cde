package org.admoderation.common.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one owner of {@code review_queue}: the items waiting for a person. The worker
 * enqueues in the transaction that stores the model's decision; reviewers claim with a
 * lease, {@code FOR UPDATE SKIP LOCKED}, so two claims at once never get the same item,
 * and an item whose lease ran out is anyone's again. A person's decision removes it.
 */
public class ReviewQueue {

	private final JdbcClient jdbc;

	public ReviewQueue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds these tasks; one already queued stays as it is. */
	public void enqueue(Map<Long, Cause> items) {
		if (items.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				insert into review_queue (task_id, cause)
				select * from unnest(:ids::bigint[], :causes::text[])
				on conflict (task_id) do nothing
				""")
			.param("ids", items.keySet().toArray(Long[]::new))
			.param("causes", items.values().stream().map(Cause::value).toArray(String[]::new))
			.update();
	}

	/**
	 * The next item for {@code reviewer}, leased to it until {@code lease} from now: its
	 * own item under a live lease first (a reloaded page gets back what it showed), else
	 * the oldest unclaimed {@code review} item, then samples, never one it skipped.
	 */
	public Optional<Claim> claim(String reviewer, Duration lease) {
		// Two claims of one reviewer at once (two tabs, a double click) wait for each
		// other
		// here and get the same item, rather than lease a second one.
		Optional<Claim> own = lease(reviewer, lease, """
				where claimed_by = :reviewer and lease_until > now()
				order by enqueued_at
				limit 1
				for update""");
		return own.isPresent() ? own : lease(reviewer, lease, """
				where (lease_until is null or lease_until <= now()) and not (:reviewer = any(skipped_by))
				order by (cause <> 'review'), enqueued_at
				limit 1
				for update skip locked""");
	}

	/** Leases to {@code reviewer} the item {@code candidates} selects and locks. */
	private Optional<Claim> lease(String reviewer, Duration lease, String candidates) {
		return this.jdbc.sql("""
				update review_queue
				set claimed_by = :reviewer, lease_until = now() + make_interval(secs => :leaseSeconds)
				where task_id = (
				    select task_id from review_queue
				    %s)
				returning task_id, cause, enqueued_at, lease_until
				""".formatted(candidates))
			.param("reviewer", reviewer)
			.param("leaseSeconds", seconds(lease))
			.query(ReviewQueue::toClaim)
			.optional();
	}

	/**
	 * Gives the item back unreviewed: its lease, if {@code reviewer} holds it, ends, and
	 * it is not offered to {@code reviewer} again.
	 * @return whether the item is queued
	 */
	public boolean skip(long taskId, String reviewer) {
		return this.jdbc.sql("""
				update review_queue
				set skipped_by = case when :reviewer = any(skipped_by) then skipped_by
				                      else array_append(skipped_by, :reviewer::text) end,
				    claimed_by = case when claimed_by = :reviewer then null else claimed_by end,
				    lease_until = case when claimed_by = :reviewer then null else lease_until end
				where task_id = :taskId
				""").param("reviewer", reviewer).param("taskId", taskId).update() == 1;
	}

	/**
	 * Takes a decided task out of the queue.
	 * @return when it was queued, if it was
	 */
	public Optional<Queued> remove(long taskId) {
		return this.jdbc.sql("delete from review_queue where task_id = :taskId returning cause, enqueued_at")
			.param("taskId", taskId)
			.query((rs, row) -> new Queued(Cause.fromValue(rs.getString("cause")),
					rs.getTimestamp("enqueued_at").toInstant()))
			.optional();
	}

	public Depth depth() {
		return this.jdbc.sql("""
				select count(*) as depth,
				       count(*) filter (where cause = 'review') as reviews,
				       count(*) filter (where lease_until > now()) as claimed,
				       extract(epoch from now() - min(enqueued_at)) as oldest_age_seconds
				from review_queue
				""").query((rs, row) -> {
			double oldest = rs.getDouble("oldest_age_seconds");
			Duration oldestAge = rs.wasNull() ? null : Duration.ofMillis(Math.round(oldest * 1000));
			return new Depth(rs.getLong("depth"), rs.getLong("reviews"), rs.getLong("claimed"), oldestAge);
		}).single();
	}

	private static Claim toClaim(ResultSet rs, int row) throws SQLException {
		return new Claim(rs.getLong("task_id"), Cause.fromValue(rs.getString("cause")),
				rs.getTimestamp("enqueued_at").toInstant(), rs.getTimestamp("lease_until").toInstant());
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	/** Why an item is in the queue. */
	public enum Cause {

		/** The model decided {@code review}: the ad waits for a person. */
		REVIEW,

		/** A random share of the model's other decisions, to measure it. */
		QUALITY_SAMPLE;

		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Cause fromValue(String value) {
			return valueOf(value.toUpperCase(Locale.ROOT));
		}

	}

	/** An item leased to a reviewer until {@code leaseUntil}. */
	public record Claim(long taskId, Cause cause, Instant enqueuedAt, Instant leaseUntil) {

	}

	public record Queued(Cause cause, Instant enqueuedAt) {

	}

	/**
	 * @param reviews items the model sent to review (the rest are samples)
	 * @param claimed items under a live lease
	 * @param oldestAge how long the oldest item has waited; null when the queue is empty
	 */
	public record Depth(long depth, long reviews, long claimed, @Nullable Duration oldestAge) {

	}

}
