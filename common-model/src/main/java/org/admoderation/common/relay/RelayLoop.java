package org.admoderation.common.relay;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A background thread that drains an outbox table: it runs one batch after another until
 * a batch finds nothing to do, then sleeps until {@link #wakeUp()} or the poll interval.
 * A failing batch (database or broker away) is retried with a capped exponential backoff;
 * the rows it did not handle stay in the table, so nothing is lost while the loop waits.
 * <p>
 * Several instances (API replicas, workers) can drain the same table safely as long as
 * each batch claims its rows with {@code FOR UPDATE SKIP LOCKED}.
 */
public class RelayLoop implements SmartLifecycle {

	/**
	 * Between the web server's graceful drain ({@code DEFAULT_PHASE - 1024}) and its stop
	 * ({@code DEFAULT_PHASE - 2048}), and below the Kafka listener containers: a relay
	 * starts once the server is up and stops after the requests in flight and the last
	 * batch were committed, so what they committed is published before the process ends.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	/**
	 * The longest {@link #stop()} takes: the loop finishes its round and drains what is
	 * left, and is interrupted a second before this. A pod's grace period from SIGTERM to
	 * SIGKILL (50 s for the API) is shared with the web drain and the other relays.
	 */
	public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(RelayLoop.class);

	private final String name;

	private final IntSupplier batch;

	private final Duration pollInterval;

	private final Duration maxBackoff;

	private final Semaphore wakeUps = new Semaphore(0);

	/** Ends a backoff pause early when the loop is stopped. */
	private volatile CountDownLatch stopping = new CountDownLatch(1);

	private volatile boolean running;

	private @Nullable Thread thread;

	/**
	 * @param name the thread's name, shown in logs
	 * @param batch handles one batch and returns how many rows it handled
	 * @param pollInterval how long to sleep when there is nothing to do and nobody wakes
	 * us
	 * @param maxBackoff the longest pause after consecutive failures
	 */
	public RelayLoop(String name, IntSupplier batch, Duration pollInterval, Duration maxBackoff) {
		this.name = name;
		this.batch = batch;
		this.pollInterval = pollInterval;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Asks the loop to look at the table now instead of at the end of its poll interval.
	 */
	public void wakeUp() {
		// One pending permit is enough: the loop drains everything that is due when it
		// runs.
		if (this.wakeUps.availablePermits() == 0) {
			this.wakeUps.release();
		}
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.stopping = new CountDownLatch(1);
		Thread relayThread = new Thread(this::run, this.name);
		relayThread.setDaemon(true);
		this.thread = relayThread;
		relayThread.start();
	}

	/**
	 * Lets the current round finish and one last drain publish what was committed since,
	 * for at most {@link #STOP_TIMEOUT}; only then interrupts the thread (an interrupted
	 * send is sent again by the next start: at least once, never lost).
	 */
	@Override
	public synchronized void stop() {
		this.running = false;
		this.stopping.countDown();
		this.wakeUps.release();
		Thread relayThread = this.thread;
		if (relayThread != null) {
			try {
				relayThread.join(STOP_TIMEOUT.minusSeconds(1).toMillis());
				if (relayThread.isAlive()) {
					logger.warn("{}: still busy {} s after the stop; interrupting it", this.name,
							STOP_TIMEOUT.minusSeconds(1).toSeconds());
					relayThread.interrupt();
					relayThread.join(1000);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void run() {
		long failures = 0;
		while (this.running) {
			try {
				int handled = this.batch.getAsInt();
				failures = 0;
				if (handled == 0) {
					awaitWakeUp(this.pollInterval);
				}
			}
			catch (RuntimeException | Error ex) {
				// Even an Error must not end the thread silently while isRunning() still
				// says true.
				failures++;
				Duration pause = backoff(failures);
				if (this.running) {
					logger.warn("{}: batch failed ({} in a row), retrying in {} ms: {}", this.name, failures,
							pause.toMillis(), ex.toString());
				}
				awaitWakeUpIgnoringSignals(pause);
			}
		}
		if (failures == 0) {
			drainBeforeStopping();
		}
	}

	/** What was committed while the service wound down, until nothing is left. */
	private void drainBeforeStopping() {
		long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos() / 2;
		try {
			while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline
					&& this.batch.getAsInt() > 0) {
				// one more round
			}
		}
		catch (RuntimeException ex) {
			logger.warn("{}: the last round before stopping failed; the next start publishes the rest: {}", this.name,
					ex.toString());
		}
	}

	private Duration backoff(long failures) {
		long millis = 100L << Math.min(failures, 16);
		return Duration.ofMillis(Math.min(millis, this.maxBackoff.toMillis()));
	}

	private void awaitWakeUp(Duration timeout) {
		try {
			if (this.wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.wakeUps.drainPermits();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private void awaitWakeUpIgnoringSignals(Duration pause) {
		// After a failure, new submissions must not turn the backoff into a busy loop; a
		// stop ends it.
		try {
			this.stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
