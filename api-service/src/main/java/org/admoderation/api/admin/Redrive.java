package org.admoderation.api.admin;

import java.time.Instant;
import java.util.List;

import org.admoderation.api.outbox.OutboxRelay;
import org.admoderation.api.web.InvalidIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends failed tasks back for processing: each goes back to {@code pending} with its
 * verdict, error and attempts cleared, its dead letter is marked redriven, and the outbox
 * relay publishes it again. Only tasks that are {@code failed} at that moment are
 * touched, so a repeated call (or a concurrent one) redrives each task once.
 */
@Service
public class Redrive {

	private static final Logger logger = LoggerFactory.getLogger(Redrive.class);

	private final JdbcClient jdbc;

	private final OutboxRelay relay;

	private final AdminProperties properties;

	public Redrive(JdbcClient jdbc, OutboxRelay relay, AdminProperties properties) {
		this.jdbc = jdbc;
		this.relay = relay;
		this.properties = properties;
	}

	@Transactional
	public List<Long> redrive(RedriveRequest request) {
		long requested = (request.limit() != null) ? request.limit() : this.properties.maxRedrive();
		if (requested < 1) {
			throw new InvalidIdentifier("limit", "limit must be at least 1");
		}
		int limit = (int) Math.min(requested, this.properties.maxRedrive());
		List<Long> candidates = candidates(request, limit);
		if (candidates.isEmpty()) {
			return List.of();
		}
		List<Long> redriven = this.jdbc.sql("""
				update moderation_results
				set status = 'pending', is_violation = null, probability = null, error_message = null,
				    model_version = null, processed_at = null, attempts = 0, publishes = 0, publish_due_at = now()
				where id = any(:ids) and status = 'failed'
				returning id
				""").param("ids", candidates.toArray(Long[]::new)).query(Long.class).list();
		if (!redriven.isEmpty()) {
			this.jdbc
				.sql("update dead_letters set redriven_at = now() where task_id = any(:ids) and redriven_at is null")
				.param("ids", redriven.toArray(Long[]::new))
				.update();
			this.relay.wakeUp();
			logger.info("Redrove {} failed task(s): {}", redriven.size(),
					redriven.subList(0, Math.min(20, redriven.size())));
		}
		return redriven;
	}

	private List<Long> candidates(RedriveRequest request, int limit) {
		if (request.taskIds() != null && !request.taskIds().isEmpty()) {
			// limit bounds a time range; ids are bounded by max-redrive alone.
			if (request.taskIds().size() > this.properties.maxRedrive()) {
				throw new InvalidIdentifier("task_ids",
						"at most " + this.properties.maxRedrive() + " task ids per redrive");
			}
			for (Long id : request.taskIds()) {
				// [null] is a client's mistake, not a NullPointerException.
				InvalidIdentifier.requirePositive("task_ids", (id != null) ? id : 0);
			}
			return request.taskIds();
		}
		if (request.failedFrom() == null || request.failedTo() == null) {
			throw new InvalidIdentifier("task_ids", "give task_ids, or failed_from and failed_to");
		}
		Instant from = request.failedFrom();
		Instant to = request.failedTo();
		return this.jdbc.sql("""
				select id from moderation_results
				where status = 'failed' and processed_at >= :from and processed_at < :to
				order by processed_at
				limit :limit
				""")
			.param("from", java.sql.Timestamp.from(from))
			.param("to", java.sql.Timestamp.from(to))
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

}
