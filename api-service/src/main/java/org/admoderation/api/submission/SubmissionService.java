package org.admoderation.api.submission;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskRepository.CreatedTask;
import org.admoderation.common.task.TaskRepository.NewTask;
import org.admoderation.common.tracing.TaskTracing;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Service;

/**
 * Accepts moderation requests: each becomes a pending task row, committed before the
 * request is answered (the row is its own outbox entry), and the relay is nudged to
 * publish it. The request never waits for Kafka, so a broker outage delays moderation but
 * never refuses or loses a request.
 * <p>
 * Requests that arrive together are written together: a few writer threads each take
 * everything queued and insert it with one statement and one commit. Under load this
 * turns hundreds of single-row transactions per second into a few dozen multi-row ones
 * (PostgreSQL's work, connections and the API's JDBC overhead per request all drop); when
 * idle a batch is a single request and adds no wait.
 */
@Service
public class SubmissionService implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SubmissionService.class);

	private final TaskRepository tasks;

	private final CommittedSubmissions committed;

	private final TaskTracing tracing;

	private final SubmissionProperties properties;

	private final BlockingQueue<Submission> queue;

	private final List<Thread> writers = new ArrayList<>();

	private volatile boolean running;

	SubmissionService(TaskRepository tasks, CommittedSubmissions committed, TaskTracing tracing,
			SubmissionProperties properties) {
		this.tasks = tasks;
		this.committed = committed;
		this.tracing = tracing;
		this.properties = properties;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
	}

	/**
	 * @param clientName the submitting client, whose webhooks receive the results; null
	 * for none
	 * @return the id of the new pending task, committed
	 * @throws AdvertisementNotFound when the advertisement does not exist (nothing
	 * written)
	 * @throws SubmissionsOverloaded when the queue is full or the service is stopping
	 * (nothing written)
	 * @throws org.springframework.dao.DataAccessException when the database failed or did
	 * not answer in time
	 */
	public long submit(long itemId, @Nullable String clientName) {
		Submission submission = new Submission(new NewTask(itemId, this.tracing.currentTraceParent(), clientName),
				new CompletableFuture<>());
		if (!this.running) {
			throw new SubmissionsOverloaded("The API is shutting down");
		}
		if (!this.queue.offer(submission)) {
			throw new SubmissionsOverloaded(
					"More than " + this.properties.queueCapacity() + " requests are waiting to be written");
		}
		if (!this.running && this.queue.remove(submission)) {
			// stop() began between the check and the offer; its writers may be gone.
			throw new SubmissionsOverloaded("The API is shutting down");
		}
		try {
			return submission.taskId().get(this.properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw abandon(submission, "The task was not written within " + this.properties.timeout());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw abandon(submission, "Interrupted while the task was being written");
		}
	}

	/**
	 * A request that stops waiting: still queued, it is taken out and nothing is written
	 * (503, a retry is safe); already in a running insert, it may yet be committed, and
	 * the answer says so only as a database timeout (a client that must not duplicate
	 * sends an Idempotency-Key).
	 */
	private RuntimeException abandon(Submission submission, String reason) {
		if (this.queue.remove(submission)) {
			return new SubmissionsOverloaded(reason + "; nothing was written");
		}
		return new QueryTimeoutException(reason);
	}

	private void writeBatches() {
		List<Submission> batch = new ArrayList<>(this.properties.maxBatchSize());
		// After stop() the writers empty the queue before they end: what was queued was
		// promised an answer.
		while (this.running || !this.queue.isEmpty()) {
			try {
				Submission first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.properties.maxBatchSize() - 1);
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Submission> batch) {
		List<CreatedTask> created;
		try {
			created = this.tasks.create(batch.stream().map(Submission::task).toList());
		}
		catch (RuntimeException | Error ex) {
			// Nothing of the batch was committed: each request answers with the failure,
			// and the writer lives on (a dead writer would leave every later request
			// waiting).
			logger.warn("Writing {} submissions failed: {}", batch.size(), ex.toString());
			RuntimeException failure = (ex instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex);
			batch.forEach((submission) -> submission.taskId().completeExceptionally(failure));
			return;
		}
		// Two requests for one ad (in one trace) get two tasks; which of the two ids goes
		// to which request does not matter, both name the same ad.
		Map<NewTask, ArrayDeque<Long>> taskIdsByRequest = new HashMap<>();
		for (CreatedTask task : created) {
			taskIdsByRequest.computeIfAbsent(task.request(), (request) -> new ArrayDeque<>()).add(task.id());
		}
		this.committed.committed(created.size());
		for (Submission submission : batch) {
			ArrayDeque<Long> taskIds = taskIdsByRequest.get(submission.task());
			Long taskId = (taskIds != null) ? taskIds.poll() : null;
			if (taskId != null) {
				submission.taskId().complete(taskId);
			}
			else {
				submission.taskId().completeExceptionally(new AdvertisementNotFound(submission.task().itemId()));
			}
		}
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		for (int i = 1; i <= this.properties.writers(); i++) {
			Thread writer = new Thread(this::writeBatches, "moderation-task-writer-" + i);
			writer.setDaemon(true);
			writer.start();
			this.writers.add(writer);
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		for (Thread writer : this.writers) {
			try {
				writer.join(this.properties.timeout().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.writers.clear();
		// Writers that did not finish in time leave requests queued: answer them now
		// rather than let them wait out their timeout. Nothing of theirs was written.
		List<Submission> left = new ArrayList<>();
		this.queue.drainTo(left);
		if (!left.isEmpty()) {
			logger.warn("{} submissions were still queued at shutdown; they are refused", left.size());
			left.forEach((submission) -> submission.taskId()
				.completeExceptionally(new SubmissionsOverloaded("The API is shutting down")));
		}
	}

	/** Requests waiting for a writer (for tests and diagnostics). */
	int queued() {
		return this.queue.size();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Starts before the web server takes requests and stops after its graceful shutdown
	 * has answered the last one (Boot's web server lifecycles sit at DEFAULT_PHASE - 2048
	 * and - 1024).
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 4096;
	}

	private record Submission(NewTask task, CompletableFuture<Long> taskId) {

	}

}
