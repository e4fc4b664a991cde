package org.admoderation.api.review;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.admoderation.api.result.ModerationResultResponse;
import org.admoderation.api.result.TaskNotFound;
import org.admoderation.api.review.ReviewStats.PolicyAgreement;
import org.admoderation.common.review.PolicyCodes;
import org.admoderation.common.review.ReviewProperties;
import org.admoderation.common.review.ReviewQueue;
import org.admoderation.common.review.ReviewQueue.Claim;
import org.admoderation.common.review.ReviewQueue.Depth;
import org.admoderation.common.review.ReviewQueue.Queued;
import org.admoderation.common.security.KeyHolder;
import org.admoderation.common.security.Role;
import org.admoderation.common.task.ActorKind;
import org.admoderation.common.task.ModerationTask;
import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskRepository.HumanDecision;
import org.admoderation.common.task.TaskStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review queue as people work it: claim, skip, decide (docs/design.md, "Human
 * review"). A person's verdict is final: it becomes the result's decision, the model's
 * kept beside it, and a row of the audit trail. Repeating it changes nothing; another
 * verdict on a task a person already reviewed is a conflict, unless an operator gives it.
 */
@Service
class ReviewService {

	static final int MAX_NOTE_LENGTH = 2000;

	private static final Set<String> VERDICTS = Set.of("approve", "reject");

	private static final Logger logger = LoggerFactory.getLogger(ReviewService.class);

	private final TaskRepository tasks;

	private final ReviewQueue queue;

	private final ReviewReads reads;

	private final ReviewProperties properties;

	private final ReviewMetrics metrics;

	private final TransactionTemplate transactions;

	ReviewService(TaskRepository tasks, ReviewQueue queue, ReviewReads reads, ReviewProperties properties,
			ReviewMetrics metrics, TransactionTemplate transactions) {
		this.tasks = tasks;
		this.queue = queue;
		this.reads = reads;
		this.properties = properties;
		this.metrics = metrics;
		this.transactions = transactions;
	}

	/**
	 * The next item for this reviewer, leased to it; empty when the queue has none for
	 * it.
	 */
	Optional<ReviewItem> claim(KeyHolder reviewer) {
		Optional<Claim> claimed = this.queue.claim(reviewer.displayName(), this.properties.lease());
		return claimed.map((claim) -> {
			ModerationTask task = this.tasks.findById(claim.taskId())
				.orElseThrow(() -> new IllegalStateException("Queued task " + claim.taskId() + " does not exist"));
			return new ReviewItem(claim.taskId(), claim.cause().value(), claim.enqueuedAt(), claim.leaseUntil(),
					this.reads.advertisementOf(claim.taskId()).orElse(null), ModerationResultResponse.from(task),
					this.queue.depth().depth());
		});
	}

	/** Gives an item back: another reviewer gets it, this one does not again. */
	void skip(long taskId, KeyHolder reviewer) {
		if (!this.queue.skip(taskId, reviewer.displayName())) {
			throw new NotInQueue(taskId);
		}
	}

	ModerationResultResponse review(long taskId, ReviewRequest request, KeyHolder caller) {
		String verdict = validVerdict(request);
		String reasonCode = validReasonCode(request.reasonCode(), verdict);
		String note = validNote(request.note());
		Reviewed reviewed = Objects.requireNonNull(this.transactions.execute((status) -> {
			ModerationTask task = this.tasks.lockForDecision(taskId).orElseThrow(() -> new TaskNotFound(taskId));
			if (task.status() != TaskStatus.COMPLETED) {
				throw ReviewConflict.notDecided(taskId, task.status().value());
			}
			if (task.decision() == null) {
				throw ReviewConflict.scoredWithoutPolicies(taskId);
			}
			if (task.reviewed()) {
				if (verdict.equals(task.decision())) {
					return new Reviewed(task, false, null);
				}
				if (caller.role() != Role.OPERATOR) {
					throw ReviewConflict.alreadyReviewed(taskId, Objects.requireNonNull(task.decidedBy()),
							task.decision());
				}
			}
			ActorKind kind = (caller.role() == Role.OPERATOR) ? ActorKind.OPERATOR : ActorKind.REVIEWER;
			this.tasks.decide(taskId, new HumanDecision(kind, caller.displayName(), verdict, reasonCode, note));
			Queued queued = this.queue.remove(taskId).orElse(null);
			return new Reviewed(this.tasks.findById(taskId).orElseThrow(), true, queued);
		}));
		// The reasons are parsed once, for the answer and the metrics alike.
		ModerationResultResponse result = ModerationResultResponse.from(reviewed.task());
		if (reviewed.decided()) {
			ModerationTask task = reviewed.task();
			String modelDecision = (task.modelDecision() != null) ? task.modelDecision() : "review";
			logger.info("Task {} reviewed by {}: {} (the model's: {})", taskId, caller.displayName(), verdict,
					modelDecision);
			this.metrics.decided(verdict, strongestPolicy(result), modelDecision,
					(reviewed.queued() != null) ? reviewed.queued().enqueuedAt() : null,
					Objects.requireNonNull(task.reviewedAt()));
		}
		return result;
	}

	ReviewStats stats() {
		Depth depth = this.queue.depth();
		List<PolicyAgreement> policies = this.reads.agreementByPolicy();
		Map<String, Map<String, Long>> overall = new LinkedHashMap<>();
		for (PolicyAgreement policy : policies) {
			policy.counts()
				.forEach((model, byHuman) -> byHuman
					.forEach((human, tasks) -> overall.computeIfAbsent(model, (key) -> new LinkedHashMap<>())
						.merge(human, tasks, Long::sum)));
		}
		Double oldest = (depth.oldestAge() != null) ? depth.oldestAge().toMillis() / 1000.0 : null;
		return new ReviewStats(new ReviewStats.Queue(depth.depth(), depth.reviews(), depth.depth() - depth.reviews(),
				depth.claimed(), oldest), this.reads.reviewers(), policies, Agreement.of(overall).share());
	}

	void labelsSince(Instant since, Consumer<Label> sink) {
		this.reads.labelsSince(since, sink);
	}

	private static String strongestPolicy(ModerationResultResponse result) {
		return (result.reasons() == null || result.reasons().isEmpty()) ? "none" : result.reasons().get(0).code();
	}

	private static String validVerdict(ReviewRequest request) {
		if (request.verdict() == null || !VERDICTS.contains(request.verdict())) {
			throw new InvalidReview("verdict must be \"approve\" or \"reject\"");
		}
		return request.verdict();
	}

	private static @Nullable String validReasonCode(@Nullable String reasonCode, String verdict) {
		if (reasonCode == null) {
			if (verdict.equals("reject")) {
				throw new InvalidReview("reason_code is required to reject: one of " + PolicyCodes.ALL);
			}
			return null;
		}
		if (!PolicyCodes.isPolicy(reasonCode)) {
			throw new InvalidReview("reason_code must be one of " + PolicyCodes.ALL);
		}
		return reasonCode;
	}

	private static @Nullable String validNote(@Nullable String note) {
		if (note == null || note.isBlank()) {
			return null;
		}
		String stripped = note.strip();
		// Characters as the document's maxLength counts them: code points, not UTF-16
		// units.
		if (stripped.codePointCount(0, stripped.length()) > MAX_NOTE_LENGTH) {
			throw new InvalidReview("note must be at most " + MAX_NOTE_LENGTH + " characters");
		}
		if (stripped.indexOf('\u0000') >= 0) {
			throw new InvalidReview("note must not contain the NUL character");
		}
		return stripped;
	}

	/**
	 * @param decided whether this call made a decision (false: the same verdict again)
	 * @param queued the item's place in the queue, if it had one
	 */
	private record Reviewed(ModerationTask task, boolean decided, @Nullable Queued queued) {

	}

}
