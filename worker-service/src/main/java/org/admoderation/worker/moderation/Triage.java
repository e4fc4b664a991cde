package org.admoderation.worker.moderation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.admoderation.common.task.TaskStatus;
import org.admoderation.model.Advertisement;
import org.admoderation.worker.moderation.InboundRecord.Malformed;
import org.admoderation.worker.moderation.InboundRecord.Request;

/**
 * What becomes of each record of one poll, decided from the tasks as loaded and nothing
 * else: a pure function, so every rule below is tested without a database, a broker or a
 * model.
 * <ul>
 * <li>a malformed record, a request for a task that does not exist, or one whose item is
 * not the task's: dead-lettered as a record ({@link #malformed()});</li>
 * <li>a request for a task already finished, or repeated within the poll: skipped, the
 * redelivery of work done ({@link #skipped()});</li>
 * <li>a task whose advertisement is gone: failed ({@link #failures()});</li>
 * <li>anything else: scored ({@link #toScore()}).</li>
 * </ul>
 *
 * @param malformed records no one can act on, in poll order
 * @param skipped requests of tasks that are not pending, or repeated
 * @param failures tasks that fail without being scored
 * @param toScore tasks to score, each with its ad, in poll order
 */
record Triage(List<Malformed> malformed, List<Skipped> skipped, List<Failure> failures, List<Scorable> toScore) {

	static final String ADVERTISEMENT_NOT_FOUND = "Advertisement not found";

	/** The {@code reason} tag of a task whose advertisement is gone. */
	static final String ADVERTISEMENT_NOT_FOUND_CODE = "advertisement_not_found";

	/** The tasks these records ask for, to load them in one query. */
	static Set<Long> taskIds(List<InboundRecord> records) {
		Set<Long> taskIds = new LinkedHashSet<>();
		for (InboundRecord record : records) {
			if (record instanceof Request request) {
				taskIds.add(request.taskId());
			}
		}
		return taskIds;
	}

	/**
	 * @param tasks the tasks the records ask for, as loaded; a missing one does not exist
	 * @param countedEarlier tasks whose attempt an earlier try of this same poll already
	 * counted, and so is already in their snapshot
	 */
	static Triage of(List<InboundRecord> records, Map<Long, TaskSnapshot> tasks, Set<Long> countedEarlier) {
		List<Malformed> malformed = new ArrayList<>();
		List<Skipped> skipped = new ArrayList<>();
		List<Failure> failures = new ArrayList<>();
		List<Scorable> toScore = new ArrayList<>();
		Set<Long> seen = new LinkedHashSet<>();
		for (InboundRecord record : records) {
			if (record instanceof Malformed bad) {
				malformed.add(bad);
				continue;
			}
			Request request = (Request) record;
			TaskSnapshot task = tasks.get(request.taskId());
			if (task == null) {
				malformed.add(new Malformed(Malformed.UNKNOWN_TASK, "Unknown task " + request.taskId(),
						request.original(), request.key(), request.source()));
			}
			else if (task.itemId() != request.itemId()) {
				malformed.add(new Malformed(Malformed.ITEM_MISMATCH,
						"item_id " + request.itemId() + " does not match task " + request.taskId(), request.original(),
						request.key(), request.source()));
			}
			else if (task.status() != TaskStatus.PENDING || !seen.add(request.taskId())) {
				skipped.add(new Skipped(request, task.status()));
			}
			else {
				int attempts = countedEarlier.contains(request.taskId()) ? task.attempts() : task.attempts() + 1;
				Advertisement advertisement = task.advertisement();
				if (advertisement == null) {
					failures.add(new Failure(request, ADVERTISEMENT_NOT_FOUND_CODE, ADVERTISEMENT_NOT_FOUND, attempts));
				}
				else {
					toScore.add(new Scorable(request, advertisement, attempts));
				}
			}
		}
		return new Triage(List.copyOf(malformed), List.copyOf(skipped), List.copyOf(failures), List.copyOf(toScore));
	}

	/** The tasks this poll works on, each of which costs an attempt. */
	List<Long> taken() {
		List<Long> taken = new ArrayList<>(this.toScore.size() + this.failures.size());
		this.toScore.forEach((task) -> taken.add(task.request().taskId()));
		this.failures.forEach((failure) -> taken.add(failure.request().taskId()));
		return taken;
	}

	/** The ads to score, in the order of {@link #toScore()}. */
	List<Advertisement> advertisements() {
		return this.toScore.stream().map(Scorable::advertisement).toList();
	}

	/**
	 * A task that fails.
	 *
	 * @param code the reason's short code, for the failure metric's tag
	 * @param reason the reason in words, for the task and its dead letter
	 * @param attempts the task's processing attempts, this one included
	 */
	record Failure(Request request, String code, String reason, int attempts) {

	}

	/**
	 * A pending task with its ad.
	 *
	 * @param attempts the task's processing attempts, this one included
	 */
	record Scorable(Request request, Advertisement advertisement, int attempts) {

		/** This task, failed because the model cannot score its ad. */
		Failure unscorable(String code, String reason) {
			return new Failure(this.request, code, reason, this.attempts);
		}

	}

	/** A request of a task that is {@code status}, or repeated in the same poll. */
	record Skipped(Request request, TaskStatus status) {

	}

}
