package org.admoderation.api.result;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.admoderation.common.metrics.ModerationMeters;
import org.admoderation.common.task.ModerationTask;
import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskStatus;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Clients waiting for their task to end ({@code GET /moderation_result/{id}?wait=30s}),
 * answered when it does. No request thread and no pooled connection waits: each client is
 * a {@link DeferredResult}, and one connection of this replica of the API LISTENs for the
 * notification PostgreSQL sends, at commit, whenever a task leaves {@code pending}
 * (migration V11), whichever service and replica committed it. A batch of notifications
 * is answered with one query.
 * <p>
 * Notifications sent while the connection was down are lost; every reconnection first
 * checks every waiting task, so a client waits at worst until the connection is back, or
 * until its wait ends with the task's state then.
 */
@Component
public class TaskEndings implements SmartLifecycle, MeterBinder {

	static final String CHANNEL = "moderation_task_ended";

	private static final Logger logger = LoggerFactory.getLogger(TaskEndings.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(10);

	private final JdbcConnectionDetails database;

	private final TaskRepository tasks;

	private final Map<Long, Set<Waiter>> waiting = new ConcurrentHashMap<>();

	private @Nullable Timer answerDelay;

	private volatile boolean running;

	private Thread listener;

	TaskEndings(JdbcConnectionDetails database, TaskRepository tasks) {
		this.database = database;
		this.tasks = tasks;
	}

	/**
	 * The task's result once it has ended, or its state after {@code wait}.
	 * @param pending the task as the caller just read it, still pending
	 */
	DeferredResult<ModerationResultResponse> await(ModerationTask pending, Duration wait) {
		long taskId = pending.id();
		DeferredResult<ModerationResultResponse> result = new DeferredResult<>(wait.toMillis());
		Waiter waiter = new Waiter(result);
		result.onTimeout(() -> answerWithCurrentState(taskId, result));
		result.onCompletion(() -> {
			forget(taskId, waiter);
			waiter.recordAnswer(this.answerDelay);
		});
		result.onError((error) -> forget(taskId, waiter));
		this.waiting.computeIfAbsent(taskId, (id) -> ConcurrentHashMap.newKeySet()).add(waiter);
		// It may have ended between the caller's read and the line above, its
		// notification handled before this client was waiting for it.
		answerEnded(List.of(taskId), waiter, 0);
		return result;
	}

	/** Clients waiting now. */
	int waitingClients() {
		return this.waiting.values().stream().mapToInt(Set::size).sum();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(ModerationMeters.LONG_POLLS_WAITING, this, TaskEndings::waitingClients)
			.description("Clients of this API replica waiting for their task to end (GET /moderation_result?wait=)")
			.register(registry);
		this.answerDelay = Timer.builder(ModerationMeters.LONG_POLL_ANSWER_DELAY)
			.description("From this replica's notification that a task ended to its waiting client's answer written")
			.publishPercentileHistogram()
			.register(registry);
	}

	@Override
	public void start() {
		this.running = true;
		this.listener = new Thread(this::listen, "task-endings-listener");
		this.listener.setDaemon(true);
		this.listener.start();
	}

	/**
	 * Answers every waiting client with its task's state: a client is not left waiting on
	 * a replica that is going away.
	 */
	@Override
	public void stop() {
		this.running = false;
		if (this.listener != null) {
			this.listener.interrupt();
		}
		this.waiting
			.forEach((taskId, waiters) -> waiters.forEach((waiter) -> answerWithCurrentState(taskId, waiter.result())));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Before the web server stops, so its graceful shutdown does not wait for the waits.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

	private void listen() {
		Duration delay = Duration.ofSeconds(1);
		while (this.running) {
			try (Connection connection = DriverManager.getConnection(this.database.getJdbcUrl(),
					this.database.getUsername(), this.database.getPassword())) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection notifications = connection.unwrap(PGConnection.class);
				delay = Duration.ofSeconds(1);
				answerEnded(List.copyOf(this.waiting.keySet()), null, 0);
				while (this.running) {
					PGNotification[] received = notifications.getNotifications((int) POLL.toMillis());
					if (received != null && received.length > 0) {
						answerEnded(taskIds(received), null, System.nanoTime());
					}
				}
			}
			catch (SQLException | DataAccessException ex) {
				if (!this.running) {
					return;
				}
				logger.warn("Not listening for ended tasks ({}); retrying in {} s", ex.getMessage(), delay.toSeconds());
				sleep(delay);
				delay = delay.multipliedBy(2).compareTo(MAX_RECONNECT_DELAY) > 0 ? MAX_RECONNECT_DELAY
						: delay.multipliedBy(2);
			}
		}
	}

	/**
	 * Answers the clients waiting for those of these tasks that have ended, with one
	 * read.
	 * @param also a client to answer too, whether or not it is still registered
	 * @param notifiedAt when the notification arrived ({@link System#nanoTime()}), 0 for
	 * none
	 */
	private void answerEnded(Collection<Long> taskIds, @Nullable Waiter also, long notifiedAt) {
		List<Long> watched = taskIds.stream().filter((id) -> also != null || this.waiting.containsKey(id)).toList();
		if (watched.isEmpty()) {
			return;
		}
		for (ModerationTask task : this.tasks.findByIds(watched)) {
			if (task.status() == TaskStatus.PENDING) {
				continue;
			}
			ModerationResultResponse response = ModerationResultResponse.from(task);
			Set<Waiter> waiters = this.waiting.remove(task.id());
			if (waiters != null) {
				waiters.forEach((waiter) -> waiter.answer(response, notifiedAt));
			}
			if (also != null) {
				also.answer(response, notifiedAt);
			}
		}
	}

	private void answerWithCurrentState(long taskId, DeferredResult<ModerationResultResponse> result) {
		try {
			this.tasks.findById(taskId)
				.map(ModerationResultResponse::from)
				.ifPresentOrElse(result::setResult, () -> result.setErrorResult(new TaskNotFound(taskId)));
		}
		catch (DataAccessException ex) {
			result.setErrorResult(ex);
		}
	}

	private void forget(long taskId, Waiter waiter) {
		this.waiting.computeIfPresent(taskId, (id, waiters) -> {
			waiters.remove(waiter);
			return waiters.isEmpty() ? null : waiters;
		});
	}

	private static List<Long> taskIds(PGNotification[] notifications) {
		List<Long> ids = new ArrayList<>(notifications.length);
		for (PGNotification notification : notifications) {
			try {
				ids.add(Long.parseLong(notification.getParameter()));
			}
			catch (NumberFormatException ex) {
				logger.debug("Ignored a notification that names no task: {}", notification.getParameter());
			}
		}
		return ids;
	}

	/**
	 * A waiting client, and when its answer was set after a notification: what the answer
	 * delay is measured from.
	 */
	private static final class Waiter {

		private final DeferredResult<ModerationResultResponse> result;

		/**
		 * Set once, by whatever answers first; 0 when no notification brought the answer.
		 */
		private final AtomicLong notifiedAt = new AtomicLong(-1);

		Waiter(DeferredResult<ModerationResultResponse> result) {
			this.result = result;
		}

		DeferredResult<ModerationResultResponse> result() {
			return this.result;
		}

		void answer(ModerationResultResponse response, long notifiedAt) {
			this.notifiedAt.compareAndSet(-1, notifiedAt);
			this.result.setResult(response);
		}

		/** Once the answer is written: its delay, if a notification brought it. */
		void recordAnswer(@Nullable Timer delay) {
			long notified = this.notifiedAt.get();
			if (delay != null && notified > 0) {
				delay.record(System.nanoTime() - notified, TimeUnit.NANOSECONDS);
			}
		}

	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
