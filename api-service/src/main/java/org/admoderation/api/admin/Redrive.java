package org.admoderation.api.admin;

import java.time.Instant;
import java.util.List;

import org.admoderation.api.outbox.OutboxRelay;
import org.admoderation.api.web.InvalidIdentifier;
import org.admoderation.common.deadletter.DeadLetterOutbox;
import org.admoderation.common.task.TaskRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private final TaskRepository tasks;

	private final DeadLetterOutbox deadLetters;

	private final OutboxRelay relay;

	private final AdminProperties properties;

	public Redrive(TaskRepository tasks, DeadLetterOutbox deadLetters, OutboxRelay relay, AdminProperties properties) {
		this.tasks = tasks;
		this.deadLetters = deadLetters;
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
		List<Long> redriven = this.tasks.redrive(candidates);
		if (!redriven.isEmpty()) {
			this.deadLetters.markRedriven(redriven);
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
		Instant from = request.failedFrom();
		Instant to = request.failedTo();
		if (from == null || to == null) {
			throw new InvalidIdentifier("task_ids", "give task_ids, or failed_from and failed_to");
		}
		return this.tasks.failedBetween(from, to, limit);
	}

}
