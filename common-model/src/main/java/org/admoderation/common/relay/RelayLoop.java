package org.admoderation.common.relay;

import java.time.Duration;
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

	private static final Logger logger = LoggerFactory.getLogger(RelayLoop.class);

	private final String name;

	private final IntSupplier batch;

	private final Duration pollInterval;

	private final Duration maxBackoff;

	private final Semaphore wakeUps = new Semaphore(0);

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
		Thread relayThread = new Thread(this::run, this.name);
		relayThread.setDaemon(true);
		this.thread = relayThread;
		relayThread.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread relayThread = this.thread;
		if (relayThread != null) {
			relayThread.interrupt();
			try {
				relayThread.join(Duration.ofSeconds(10).toMillis());
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
		// Start after the web server and listener containers, stop before them.
		return Integer.MAX_VALUE - 100;
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
		// After a failure, new submissions must not turn the backoff into a busy loop.
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
