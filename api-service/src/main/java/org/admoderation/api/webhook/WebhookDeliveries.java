package org.admoderation.api.webhook;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The deliveries ({@code webhook_deliveries}), which the database creates with their
 * result events (migration V12): claimed for sending, their outcomes recorded, read as
 * each endpoint's log and started again on an operator's request.
 */
@Repository
class WebhookDeliveries {

	static final List<String> STATES = List.of("pending", "delivered", "failed");

	private static final int PURGE_SLICE = 10_000;

	private static final String SELECT = """
			select d.id, d.event_id, e.task_id, e.sequence, d.state, d.attempts, d.created_at,
			       case when d.state = 'pending' then d.next_attempt_at end as next_attempt_at,
			       d.delivered_at, d.last_attempt_at, d.last_status_code, d.last_error
			from webhook_deliveries d
			join result_events e on e.id = d.event_id
			""";

	private final JdbcClient jdbc;

	WebhookDeliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the due deliveries of each endpoint, oldest first, up to what it may still
	 * have open: {@code perEndpoint} less what {@code inFlight} says this replica sends
	 * to it now. Each taken delivery counts an attempt and is not due again for
	 * {@code lease}, so no other replica sends it meanwhile ({@code SKIP LOCKED} keeps
	 * two that claim at once apart).
	 */
	List<Claimed> claimDue(Map<Long, Integer> inFlight, int perEndpoint, Duration lease) {
		List<Map.Entry<Long, Integer>> busy = new ArrayList<>(inFlight.entrySet());
		return this.jdbc
			.sql("""
					with busy as (
					    select * from unnest(:busyIds::bigint[], :busyCounts::integer[]) as b(endpoint_id, in_flight)
					),
					due as (
					    select d.id
					    from webhook_endpoints w
					    left join busy b on b.endpoint_id = w.id
					    cross join lateral (
					        select d.id from webhook_deliveries d
					        where d.endpoint_id = w.id and d.state = 'pending' and d.next_attempt_at <= now()
					        order by d.next_attempt_at, d.id
					        limit greatest(:perEndpoint - coalesce(b.in_flight, 0), 0)
					        for update skip locked
					    ) d
					    where w.deleted_at is null
					)
					update webhook_deliveries d
					set attempts = d.attempts + 1, next_attempt_at = now() + :leaseMillis * interval '1 millisecond'
					from due, webhook_endpoints w, result_events e
					where d.id = due.id and w.id = d.endpoint_id and e.id = d.event_id
					returning d.id, d.endpoint_id, w.name, w.url, d.event_id, d.attempts, d.attempts - d.retry_base as retry,
					          d.retries_from, e.payload, w.secret,
					          case when w.previous_secret_until > now() then w.previous_secret end as previous_secret
					""")
			.param("busyIds", busy.stream().map(Map.Entry::getKey).toArray(Long[]::new))
			.param("busyCounts", busy.stream().map(Map.Entry::getValue).toArray(Integer[]::new))
			.param("perEndpoint", perEndpoint)
			.param("leaseMillis", lease.toMillis())
			.query((rs, row) -> {
				List<String> secrets = new ArrayList<>(List.of(rs.getString("secret")));
				if (rs.getString("previous_secret") != null) {
					secrets.add(rs.getString("previous_secret"));
				}
				return new Claimed(rs.getLong("id"), rs.getLong("endpoint_id"), rs.getString("name"),
						rs.getString("url"), rs.getLong("event_id"), rs.getInt("attempts"), rs.getInt("retry"),
						rs.getTimestamp("retries_from"), rs.getString("payload"), List.copyOf(secrets));
			})
			.list();
	}

	/**
	 * Logs the attempt and moves the delivery on: delivered; or pending until
	 * {@code retryAfter} from now; or failed when that would be later than
	 * {@code giveUpAfter} since its retries began. An outcome that arrives after the
	 * delivery was claimed again (its lease ran out) or redelivered is logged and changes
	 * nothing else.
	 * @return the delivery's state now, empty when this outcome came too late or the
	 * endpoint is gone
	 */
	Optional<String> record(Claimed delivery, Outcome outcome, Duration retryAfter, Duration giveUpAfter) {
		this.jdbc.sql("""
				insert into webhook_attempts (delivery_id, attempt, attempted_at, duration_ms, status_code, error)
				select :id, :attempt, :attemptedAt, :durationMs, :statusCode, :error
				where exists (select 1 from webhook_deliveries where id = :id)
				""")
			.param("id", delivery.id())
			.param("attempt", delivery.attempt())
			.param("attemptedAt", Timestamp.from(outcome.attemptedAt()))
			.param("durationMs", (int) Math.min(outcome.duration().toMillis(), Integer.MAX_VALUE))
			.param("statusCode", outcome.statusCode())
			.param("error", outcome.error())
			.update();
		return this.jdbc.sql("""
				update webhook_deliveries
				set state = case when :delivered then 'delivered'
				                 when clock_timestamp() + :retryMillis * interval '1 millisecond'
				                      > retries_from + :giveUpMillis * interval '1 millisecond' then 'failed'
				                 else 'pending' end,
				    next_attempt_at = case when :delivered then next_attempt_at
				                           else clock_timestamp() + :retryMillis * interval '1 millisecond' end,
				    delivered_at = case when :delivered then now() end,
				    last_attempt_at = :attemptedAt, last_status_code = :statusCode, last_error = :error
				where id = :id and attempts = :attempt and retries_from = :retriesFrom and state = 'pending'
				returning state
				""")
			.param("id", delivery.id())
			.param("attempt", delivery.attempt())
			.param("retriesFrom", delivery.retriesFrom())
			.param("delivered", outcome.delivered())
			.param("retryMillis", retryAfter.toMillis())
			.param("giveUpMillis", giveUpAfter.toMillis())
			.param("attemptedAt", Timestamp.from(outcome.attemptedAt()))
			.param("statusCode", outcome.statusCode())
			.param("error", outcome.error())
			.query(String.class)
			.optional();
	}

	/**
	 * Hands back sends that will not end here (the service is stopping): due now, for any
	 * replica, unless they were claimed or redelivered since.
	 */
	void release(List<Claimed> unfinished) {
		for (Claimed delivery : unfinished) {
			this.jdbc.sql("""
					update webhook_deliveries set next_attempt_at = now()
					where id = :id and attempts = :attempt and retries_from = :retriesFrom and state = 'pending'
					""")
				.param("id", delivery.id())
				.param("attempt", delivery.attempt())
				.param("retriesFrom", delivery.retriesFrom())
				.update();
		}
	}

	/** The endpoint's most recent deliveries, newest first. */
	List<WebhookDelivery> log(long endpointId, @Nullable String state, int limit) {
		return this.jdbc.sql(SELECT + """
				where d.endpoint_id = :endpointId and (cast(:state as text) is null or d.state = :state)
				order by d.id desc
				limit :limit
				""")
			.param("endpointId", endpointId)
			.param("state", state)
			.param("limit", limit)
			.query(WebhookDeliveries::toDelivery)
			.list();
	}

	/** One delivery of the endpoint, with each of its attempts. */
	Optional<WebhookDelivery> find(long endpointId, long deliveryId) {
		return this.jdbc.sql(SELECT + "where d.endpoint_id = :endpointId and d.id = :id")
			.param("endpointId", endpointId)
			.param("id", deliveryId)
			.query(WebhookDeliveries::toDelivery)
			.optional()
			.map((delivery) -> delivery.withAttempts(this.jdbc.sql("""
					select attempt, attempted_at, duration_ms, status_code, error
					from webhook_attempts where delivery_id = :id order by id
					""").param("id", deliveryId).query(WebhookDeliveries::toAttempt).list()));
	}

	/**
	 * Sends the delivery again now, whatever its state, with a fresh period of retries: a
	 * receiver that lost what it was sent, or came back after it was given up on.
	 */
	boolean redeliver(long endpointId, long deliveryId) {
		return this.jdbc.sql("""
				update webhook_deliveries
				set state = 'pending', next_attempt_at = now(), retries_from = clock_timestamp(), retry_base = attempts,
				    delivered_at = null
				where endpoint_id = :endpointId and id = :id
				""").param("endpointId", endpointId).param("id", deliveryId).update() > 0;
	}

	/** Sends again every delivery of the endpoint that was given up on. */
	int redeliverFailed(long endpointId) {
		return this.jdbc.sql("""
				update webhook_deliveries
				set state = 'pending', next_attempt_at = now(), retries_from = clock_timestamp(), retry_base = attempts
				where endpoint_id = :endpointId and state = 'failed'
				""").param("endpointId", endpointId).update();
	}

	/**
	 * Forgets, in slices of 10,000, the deliveries that ended (delivered or failed)
	 * longer than {@code retention} ago with their attempts, everything of removed
	 * endpoints, and then the endpoints removed over an hour ago (a decision whose
	 * snapshot still saw one may yet fan out to it).
	 * @return how many deliveries were forgotten
	 */
	int purge(Duration retention) {
		int purged = 0;
		int slice;
		do {
			slice = this.jdbc.sql("""
					delete from webhook_deliveries o
					using webhook_endpoints w
					where w.id = o.endpoint_id
					  and o.id in (
					    select d.id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
					    where e.deleted_at is not null
					       or (d.state <> 'pending'
					           and coalesce(d.delivered_at, d.last_attempt_at, d.created_at)
					               < now() - :retentionMillis * interval '1 millisecond')
					    limit :slice)
					  -- again on the row deleted: one redelivered meanwhile stays
					  and (w.deleted_at is not null
					       or (o.state <> 'pending'
					           and coalesce(o.delivered_at, o.last_attempt_at, o.created_at)
					               < now() - :retentionMillis * interval '1 millisecond'))
					""").param("retentionMillis", retention.toMillis()).param("slice", PURGE_SLICE).update();
			purged += slice;
		}
		while (slice == PURGE_SLICE);
		this.jdbc.sql("""
				delete from webhook_endpoints w
				where w.deleted_at < now() - interval '1 hour'
				  and not exists (select 1 from webhook_deliveries d where d.endpoint_id = w.id)
				""").update();
		return purged;
	}

	/** Pending deliveries per endpoint name, endpoints without any included. */
	Map<String, Long> backlog() {
		return this.jdbc.sql("""
				select w.name, count(d.id) as pending
				from webhook_endpoints w
				left join webhook_deliveries d on d.endpoint_id = w.id and d.state = 'pending'
				where w.deleted_at is null
				group by w.name
				""")
			.query((rs, row) -> Map.entry(rs.getString("name"), rs.getLong("pending")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static WebhookDelivery toDelivery(ResultSet rs, int row) throws SQLException {
		return new WebhookDelivery(rs.getLong("id"), rs.getLong("event_id"), rs.getLong("task_id"),
				rs.getInt("sequence"), rs.getString("state"), rs.getInt("attempts"), instant(rs, "created_at"),
				instant(rs, "next_attempt_at"), instant(rs, "delivered_at"), instant(rs, "last_attempt_at"),
				integer(rs, "last_status_code"), rs.getString("last_error"), null);
	}

	private static WebhookDelivery.Attempt toAttempt(ResultSet rs, int row) throws SQLException {
		return new WebhookDelivery.Attempt(rs.getInt("attempt"), rs.getTimestamp("attempted_at").toInstant(),
				rs.getInt("duration_ms"), integer(rs, "status_code"), rs.getString("error"));
	}

	/** A nullable integer column: null, not JDBC's 0, when there was no answer. */
	private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * A delivery taken for sending.
	 *
	 * @param attempt which attempt this send is, from 1
	 * @param retry which attempt of the current period of retries (since the last
	 * redelivery), from 1: what its backoff follows
	 * @param retriesFrom when that period began
	 * @param secrets the secrets that sign it, the current one first
	 */
	record Claimed(long id, long endpointId, String endpointName, String url, long eventId, int attempt, int retry,
			Timestamp retriesFrom, String payload, List<String> secrets) {

		URI uri() {
			return URI.create(this.url);
		}

	}

	/**
	 * How a send ended.
	 *
	 * @param statusCode the receiver's answer; null when there was none
	 * @param error why it failed; null when it was delivered
	 */
	record Outcome(Instant attemptedAt, Duration duration, @Nullable Integer statusCode, @Nullable String error) {

		boolean delivered() {
			return this.error == null;
		}

	}

}
