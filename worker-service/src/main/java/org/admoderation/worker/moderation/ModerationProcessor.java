package org.admoderation.worker.moderation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.admoderation.common.deadletter.DeadLetterOutbox;
import org.admoderation.common.deadletter.DeadLetterRelay;
import org.admoderation.common.messaging.TaskStatus;
import org.admoderation.worker.intake.InboundRecord;
import org.admoderation.worker.intake.InboundRecord.Malformed;
import org.admoderation.worker.intake.InboundRecord.Request;
import org.admoderation.worker.moderation.TaskStore.ScoredTask;
import org.admoderation.worker.scoring.Advertisement;
import org.admoderation.worker.scoring.ModelLifecycle;
import org.admoderation.worker.scoring.ModerationModel;
import org.admoderation.worker.scoring.Score;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moderates one poll's worth of records: loads their tasks and ads in one query, scores
 * all scorable ads in one model call, and stores every outcome in one transaction
 * together with the dead letters of what failed. Reasons that belong to a task (ad gone,
 * unscorable input) or to a record (malformed, unknown task) end in a dead letter and
 * never throw; only infrastructure trouble throws, and then the whole batch is retried
 * (every write being conditional on {@code pending}, a retry never writes twice).
 */
@Service
public class ModerationProcessor {

	static final String ADVERTISEMENT_NOT_FOUND = "Advertisement not found";

	private static final Logger logger = LoggerFactory.getLogger(ModerationProcessor.class);

	private final TaskStore tasks;

	private final ModelLifecycle models;

	private final DeadLetterOutbox deadLetters;

	private final DeadLetterRelay deadLetterRelay;

	private final TransactionTemplate transactions;

	public ModerationProcessor(TaskStore tasks, ModelLifecycle models, DeadLetterOutbox deadLetters,
			DeadLetterRelay deadLetterRelay, TransactionTemplate transactions) {
		this.tasks = tasks;
		this.models = models;
		this.deadLetters = deadLetters;
		this.deadLetterRelay = deadLetterRelay;
		this.transactions = transactions;
	}

	public void process(List<InboundRecord> records) {
		ModerationModel model = this.models.model();
		Set<Long> taskIds = new LinkedHashSet<>();
		for (InboundRecord record : records) {
			if (record instanceof Request request) {
				taskIds.add(request.taskId());
			}
		}
		Map<Long, TaskSnapshot> snapshots = this.tasks.load(taskIds);

		List<Malformed> malformed = new ArrayList<>();
		List<Failure> failures = new ArrayList<>();
		List<Request> toScore = new ArrayList<>();
		List<Advertisement> advertisements = new ArrayList<>();
		Set<Long> seen = new LinkedHashSet<>();
		for (InboundRecord record : records) {
			if (record instanceof Malformed bad) {
				malformed.add(bad);
				continue;
			}
			Request request = (Request) record;
			TaskSnapshot snapshot = snapshots.get(request.taskId());
			if (snapshot == null) {
				malformed.add(new Malformed("Unknown task " + request.taskId(), request.original(), request.key(),
						request.source()));
			}
			else if (snapshot.itemId() != request.itemId()) {
				malformed.add(new Malformed("item_id " + request.itemId() + " does not match task " + request.taskId(),
						request.original(), request.key(), request.source()));
			}
			else if (snapshot.status() != TaskStatus.PENDING || !seen.add(request.taskId())) {
				logger.debug("Task {} is already {} or repeated in this batch; skipping", request.taskId(),
						snapshot.status().value());
			}
			else if (snapshot.advertisement() == null) {
				failures.add(new Failure(request, ADVERTISEMENT_NOT_FOUND, snapshot.attempts() + 1));
			}
			else {
				toScore.add(request);
				advertisements.add(snapshot.advertisement());
			}
		}

		List<Long> taken = new ArrayList<>(toScore.size() + failures.size());
		toScore.forEach((request) -> taken.add(request.taskId()));
		failures.forEach((failure) -> taken.add(failure.request().taskId()));
		this.tasks.recordAttempts(taken);

		List<Score> scores = model.score(advertisements);
		List<ScoredTask> scored = new ArrayList<>(toScore.size());
		for (int i = 0; i < toScore.size(); i++) {
			Request request = toScore.get(i);
			Score score = scores.get(i);
			if (score.scored()) {
				scored.add(new ScoredTask(request.taskId(), score.violation(),
						Objects.requireNonNull(score.probability())));
			}
			else {
				failures.add(new Failure(request, Objects.requireNonNull(score.unscorableReason()),
						snapshots.get(request.taskId()).attempts() + 1));
			}
		}

		boolean deadLettered = Boolean.TRUE
			.equals(this.transactions.execute((status) -> store(scored, failures, malformed, model.version())));
		if (deadLettered) {
			this.deadLetterRelay.wakeUp();
		}
	}

	private boolean store(List<ScoredTask> scored, List<Failure> failures, List<Malformed> malformed,
			String modelVersion) {
		this.tasks.complete(scored, modelVersion);
		boolean deadLettered = false;
		for (Failure failure : failures) {
			Request request = failure.request();
			if (this.tasks.fail(request.taskId(), failure.reason(), modelVersion)) {
				this.deadLetters.addForTask(request.taskId(), request.original(), failure.reason(), failure.attempts());
				deadLettered = true;
				logger.info("Task {} failed: {}", request.taskId(), failure.reason());
			}
		}
		for (Malformed bad : malformed) {
			this.deadLetters.addForRecord(bad.key(), bad.source(), bad.original(), bad.reason());
			deadLettered = true;
			logger.warn("Dead-lettered a malformed moderation record: {}", bad.reason());
		}
		return deadLettered;
	}

	private record Failure(Request request, String reason, int attempts) {

	}

}
