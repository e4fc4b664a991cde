package org.admoderation.worker.moderation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.admoderation.common.deadletter.DeadLetterOutbox;
import org.admoderation.common.deadletter.DeadLetterRelay;
import org.admoderation.common.tracing.TaskTracing;
import org.admoderation.common.tracing.TaskTracing.TaskScope;
import org.admoderation.model.PolicyModel;
import org.admoderation.model.Reason;
import org.admoderation.model.Score;
import org.admoderation.worker.moderation.InboundRecord.Malformed;
import org.admoderation.worker.moderation.InboundRecord.Request;
import org.admoderation.worker.moderation.ModerationMetrics.CompletedTask;
import org.admoderation.worker.moderation.TaskStore.ScoredTask;
import org.admoderation.worker.moderation.Triage.Failure;
import org.admoderation.worker.moderation.Triage.Scorable;
import org.admoderation.worker.moderation.Triage.Skipped;
import org.admoderation.worker.scoring.ModelLifecycle;
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

	private static final Logger logger = LoggerFactory.getLogger(ModerationProcessor.class);

	private final TaskStore tasks;

	private final ModelLifecycle models;

	private final DeadLetterOutbox deadLetters;

	private final DeadLetterRelay deadLetterRelay;

	private final TransactionTemplate transactions;

	private final ModerationMetrics metrics;

	private final TaskTracing tracing;

	/**
	 * Tasks whose attempt this worker has counted for a batch not yet stored. A batch
	 * that throws is retried with the same records, and infrastructure trouble that lasts
	 * seconds must not count as attempts: the relay gives up on a task after
	 * {@code max-attempts}, and infrastructure never fails a task. One set per consumer
	 * thread, which retries its own batch; cleared whenever that thread stores a batch.
	 */
	private final ThreadLocal<Set<Long>> attemptsCounted = ThreadLocal.withInitial(HashSet::new);

	ModerationProcessor(TaskStore tasks, ModelLifecycle models, DeadLetterOutbox deadLetters,
			DeadLetterRelay deadLetterRelay, TransactionTemplate transactions, ModerationMetrics metrics,
			TaskTracing tracing) {
		this.tracing = tracing;
		this.tasks = tasks;
		this.models = models;
		this.deadLetters = deadLetters;
		this.deadLetterRelay = deadLetterRelay;
		this.transactions = transactions;
		this.metrics = metrics;
	}

	public void process(List<InboundRecord> records) {
		PolicyModel model = this.models.model();
		Map<Long, TaskSnapshot> tasks = this.tasks.load(Triage.taskIds(records));
		Triage triage = Triage.of(records, tasks, Set.copyOf(this.attemptsCounted.get()));
		logSkipped(triage.skipped());
		recordAttempts(triage.taken());

		List<Scorable> toScore = triage.toScore();
		long scoringStarted = System.nanoTime();
		List<Score> scores = model.score(triage.advertisements());
		this.metrics.scored(toScore.size(), Duration.ofNanos(System.nanoTime() - scoringStarted));
		List<ScoredTask> scored = new ArrayList<>(toScore.size());
		List<Failure> failures = new ArrayList<>(triage.failures());
		for (int i = 0; i < toScore.size(); i++) {
			Scorable task = toScore.get(i);
			Score score = scores.get(i);
			if (score.scored()) {
				scored.add(new ScoredTask(task.request().taskId(), Objects.requireNonNull(score.decision()),
						Objects.requireNonNull(score.probability()), score.reasons()));
			}
			else {
				failures.add(task.unscorable(Objects.requireNonNull(score.unscorableCode()),
						Objects.requireNonNull(score.unscorableReason())));
			}
		}

		List<Malformed> malformed = triage.malformed();
		Stored stored = Objects
			.requireNonNull(this.transactions.execute((status) -> store(scored, failures, malformed, model.version())));
		this.attemptsCounted.get().clear();
		if (!stored.failed().isEmpty() || !malformed.isEmpty()) {
			this.deadLetterRelay.wakeUp();
		}
		recordMetrics(stored, scored, malformed, model.version());
		if (logger.isDebugEnabled()) {
			logCompleted(toScore, scored, stored.completed().keySet(), model.version());
		}
	}

	/**
	 * Counted before scoring, committed on its own: a worker killed by an ad still counts
	 * the attempt, so the relay ends a task that kills every worker. A retry of the same
	 * batch does not count again.
	 */
	private void recordAttempts(List<Long> taken) {
		List<Long> notYetCounted = new ArrayList<>(taken);
		notYetCounted.removeAll(this.attemptsCounted.get());
		this.tasks.recordAttempts(notYetCounted);
		this.attemptsCounted.get().addAll(notYetCounted);
	}

	private void logSkipped(List<Skipped> skipped) {
		if (!logger.isDebugEnabled()) {
			return;
		}
		for (Skipped skip : skipped) {
			try (TaskScope scope = this.tracing.continueTrace(skip.request().traceParent(), "moderation.task.skip")) {
				logger.debug("Task {} is already {} or repeated in this batch; skipping", skip.request().taskId(),
						skip.status().value());
			}
		}
	}

	/**
	 * Per task, so each line carries its task's trace id; debug only, it costs a span.
	 */
	private void logCompleted(List<Scorable> tasks, List<ScoredTask> scored, Set<Long> completed, String modelVersion) {
		Map<Long, Request> requestsById = new HashMap<>();
		tasks.forEach((task) -> requestsById.put(task.request().taskId(), task.request()));
		for (ScoredTask task : scored) {
			if (completed.contains(task.taskId())) {
				try (TaskScope scope = this.tracing.continueTrace(requestsById.get(task.taskId()).traceParent(),
						"moderation.task.complete")) {
					logger.debug("Task {} completed: decision={} probability={} reasons={} model={}", task.taskId(),
							task.decision().code(), task.probability(),
							task.reasons().stream().map(Reason::code).toList(), modelVersion);
				}
			}
		}
	}

	private Stored store(List<ScoredTask> scored, List<Failure> failures, List<Malformed> malformed,
			String modelVersion) {
		Map<Long, Duration> completed = this.tasks.complete(scored, modelVersion);
		Map<Failure, Duration> failed = new LinkedHashMap<>();
		for (Failure failure : failures) {
			Request request = failure.request();
			Optional<Duration> age = this.tasks.fail(request.taskId(), failure.reason(), modelVersion);
			if (age.isPresent()) {
				this.deadLetters.addForTask(request.taskId(), request.original(), failure.reason(), failure.attempts());
				failed.put(failure, age.get());
				try (TaskScope scope = this.tracing.continueTrace(request.traceParent(), "moderation.task.fail")) {
					logger.info("Task {} failed: {}", request.taskId(), failure.reason());
				}
			}
		}
		for (Malformed bad : malformed) {
			this.deadLetters.addForRecord(bad.key(), bad.source(), bad.original(), bad.reason());
			logger.warn("Dead-lettered a malformed moderation record: {}", bad.reason());
		}
		return new Stored(completed, failed);
	}

	/** Counted once committed: a batch that rolls back and is retried counts once. */
	private void recordMetrics(Stored stored, List<ScoredTask> scored, List<Malformed> malformed, String modelVersion) {
		List<CompletedTask> completed = new ArrayList<>(stored.completed().size());
		for (ScoredTask task : scored) {
			Duration age = stored.completed().get(task.taskId());
			if (age != null) {
				completed.add(new CompletedTask(task.decision(), task.probability(), age));
			}
		}
		this.metrics.completed(completed, modelVersion);
		stored.failed().forEach((failure, age) -> this.metrics.failed(failure.code(), age));
		malformed.forEach((bad) -> this.metrics.rejected(bad.code()));
	}

	/**
	 * What this batch's transaction changed, with each task's age: tasks other workers
	 * finished are absent.
	 */
	private record Stored(Map<Long, Duration> completed, Map<Failure, Duration> failed) {

	}

}
