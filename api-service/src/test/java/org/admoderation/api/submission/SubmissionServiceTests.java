package org.admoderation.api.submission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.admoderation.api.outbox.OutboxRelay;
import org.admoderation.common.metrics.ModerationMeters;
import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskRepository.CreatedTask;
import org.admoderation.common.task.TaskRepository.NewTask;
import org.admoderation.common.tracing.TaskTracing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The submission queue's own behaviour: back-pressure, failures reaching every request of
 * a batch, and shutdown. What the inserts do in PostgreSQL is covered by
 * {@link SubmissionIntegrationTests}; here a gate stands in for a slow database.
 */
class SubmissionServiceTests {

	private final GatedTasks tasks = new GatedTasks();

	private final OutboxRelay relay = mock(OutboxRelay.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CommittedSubmissions committed = new CommittedSubmissions(this.relay, this.meters);

	/**
	 * The trace each request thread is in, as the server observation would have set it.
	 */
	private static final ThreadLocal<String> requestTrace = new ThreadLocal<>();

	private final TaskTracing tracing = new TaskTracing(Tracer.NOOP, Propagator.NOOP) {

		@Override
		public String currentTraceParent() {
			return requestTrace.get();
		}

	};

	private SubmissionService service;

	@AfterEach
	void stop() {
		this.tasks.open.countDown();
		if (this.service != null) {
			this.service.stop();
		}
	}

	@Test
	void aFullQueueRefusesAtOnceAndWritesNothing() {
		start(1);
		CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> this.service.submit(1, null));
		await().until(() -> this.tasks.calls.get() == 1);
		CompletableFuture<Long> queued = CompletableFuture.supplyAsync(() -> this.service.submit(2, null));
		await().until(() -> this.service.queued() == 1);

		assertThatExceptionOfType(SubmissionsOverloaded.class).isThrownBy(() -> this.service.submit(3, null));

		this.tasks.open.countDown();
		assertThat(first.join()).isEqualTo(1001);
		assertThat(queued.join()).isEqualTo(1002);
		assertThat(this.tasks.written).doesNotContain(3L);
	}

	@Test
	void queuedRequestsAreWrittenTogether() {
		start(100);
		CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> this.service.submit(1, null));
		await().until(() -> this.tasks.calls.get() == 1);
		List<CompletableFuture<Long>> waiting = List.of(2L, 3L, 4L)
			.stream()
			.map((item) -> CompletableFuture.supplyAsync(() -> this.service.submit(item, null)))
			.toList();
		await().until(() -> this.service.queued() == 3);

		this.tasks.open.countDown();

		assertThat(first.join()).isEqualTo(1001);
		assertThat(waiting.stream().map(CompletableFuture::join)).containsExactly(1002L, 1003L, 1004L);
		assertThat(this.tasks.calls.get()).as("one insert for the three queued requests").isEqualTo(2);
		verify(this.relay, org.mockito.Mockito.atLeastOnce()).wakeUp();
		assertThat(submittedCount()).isEqualTo(4);
	}

	@Test
	void twoRequestsForOneAdInOneBatchEachGetTheTaskCreatedInTheirOwnTrace() {
		start(100);
		CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> this.service.submit(1, null));
		await().until(() -> this.tasks.calls.get() == 1);
		List<String> traces = List.of("00-aaaa-01", "00-bbbb-01", "00-cccc-01");
		List<CompletableFuture<Long>> sameAd = traces.stream().map((trace) -> CompletableFuture.supplyAsync(() -> {
			requestTrace.set(trace);
			return this.service.submit(7, null);
		})).toList();
		await().until(() -> this.service.queued() == 3);

		this.tasks.open.countDown();

		first.join();
		for (int i = 0; i < traces.size(); i++) {
			assertThat(sameAd.get(i).join()).as(traces.get(i)).isEqualTo(this.tasks.createdInTrace.get(traces.get(i)));
		}
		assertThat(this.tasks.createdInTrace.values()).doesNotHaveDuplicates();
	}

	@Test
	void aDatabaseFailureReachesEveryRequestOfTheBatch() {
		this.tasks.failure = new CannotGetJdbcConnectionException("database away");
		start(100);
		CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> this.service.submit(1, null));
		await().until(() -> this.tasks.calls.get() == 1);
		List<CompletableFuture<Long>> batch = List.of(2L, 3L, 4L)
			.stream()
			.map((item) -> CompletableFuture.supplyAsync(() -> this.service.submit(item, null)))
			.toList();
		await().until(() -> this.service.queued() == 3);

		this.tasks.open.countDown();

		for (CompletableFuture<Long> request : List.of(first, batch.get(0), batch.get(1), batch.get(2))) {
			assertThat(request).failsWithin(Duration.ofSeconds(10))
				.withThrowableThat()
				.withCauseInstanceOf(CannotGetJdbcConnectionException.class);
		}
		assertThat(this.tasks.calls.get()).as("the three queued requests failed together").isEqualTo(2);
		verify(this.relay, never()).wakeUp();
		assertThat(submittedCount()).isZero();
	}

	@Test
	void aRequestThatTimesOutWhileQueuedIsTakenOutAndNeverWritten() {
		this.service = new SubmissionService(this.tasks, this.committed, this.tracing,
				new SubmissionProperties(1, 256, 100, Duration.ofMillis(300), Duration.ofHours(24)));
		this.service.start();
		CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> this.service.submit(1, null));
		await().until(() -> this.tasks.calls.get() == 1);

		assertThatExceptionOfType(SubmissionsOverloaded.class).isThrownBy(() -> this.service.submit(2, null))
			.withMessageContaining("nothing was written");
		assertThat(this.service.queued()).isZero();

		assertThat(first).as("in the running insert when it gave up").failsWithin(Duration.ofSeconds(10));
		this.tasks.open.countDown();
		await().until(() -> !this.tasks.written.isEmpty());
		assertThat(this.tasks.written).containsExactly(1L);
	}

	@Test
	void aStoppedServiceRefusesAndStopAnswersWhatWasQueued() {
		start(100);
		CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> this.service.submit(1, null));
		await().until(() -> this.tasks.calls.get() == 1);
		CompletableFuture<Long> queued = CompletableFuture.supplyAsync(() -> this.service.submit(2, null));
		await().until(() -> this.service.queued() == 1);

		CompletableFuture<Void> stopping = CompletableFuture.runAsync(this.service::stop);
		await().until(() -> !this.service.isRunning());
		assertThatExceptionOfType(SubmissionsOverloaded.class).isThrownBy(() -> this.service.submit(3, null));
		this.tasks.open.countDown();
		stopping.join();

		assertThat(first.join()).isEqualTo(1001);
		assertThat(queued.join()).isEqualTo(1002);
	}

	private double submittedCount() {
		return this.meters.get(ModerationMeters.TASKS_SUBMITTED).counter().count();
	}

	private void start(int queueCapacity) {
		this.service = new SubmissionService(this.tasks, this.committed, this.tracing,
				new SubmissionProperties(1, 256, queueCapacity, Duration.ofSeconds(10), Duration.ofHours(24)));
		this.service.start();
	}

	/**
	 * Task ids are item id + 1000, or a fresh id per trace for a request in one; every
	 * insert waits for the gate to open.
	 */
	private static final class GatedTasks extends TaskRepository {

		final CountDownLatch open = new CountDownLatch(1);

		final AtomicInteger calls = new AtomicInteger();

		final List<Long> written = new java.util.concurrent.CopyOnWriteArrayList<>();

		final Map<String, Long> createdInTrace = new java.util.concurrent.ConcurrentHashMap<>();

		private final AtomicInteger nextTracedId = new AtomicInteger(5000);

		volatile RuntimeException failure;

		GatedTasks() {
			super(JdbcClient.create(new DriverManagerDataSource()));
		}

		@Override
		public List<CreatedTask> create(List<NewTask> requested) {
			this.calls.incrementAndGet();
			try {
				this.open.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (this.failure != null) {
				throw this.failure;
			}
			requested.forEach((task) -> this.written.add(task.itemId()));
			// Reversed: the database owes no order, so the mapping back must not rely on
			// one.
			List<NewTask> reversed = new ArrayList<>(requested);
			Collections.reverse(reversed);
			return reversed.stream().map((task) -> {
				if (task.traceParent() == null) {
					return new CreatedTask(task.itemId() + 1000, task.itemId(), null, null);
				}
				long id = this.nextTracedId.incrementAndGet();
				this.createdInTrace.put(task.traceParent(), id);
				return new CreatedTask(id, task.itemId(), task.traceParent(), task.clientName());
			}).toList();
		}

	}

}
