package org.admoderation.common.relay;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RelayLoopTests {

	/**
	 * Rows committed while the service winds down (requests the web server drains, the
	 * last batch of a listener) are published before the process ends; the loop was
	 * interrupted at once and left them for the next start.
	 */
	@Test
	void stoppingPublishesWhatWasCommittedSinceTheLastRound() {
		AtomicInteger committed = new AtomicInteger();
		AtomicInteger published = new AtomicInteger();
		AtomicInteger rounds = new AtomicInteger();
		RelayLoop loop = new RelayLoop("test-relay", () -> {
			rounds.incrementAndGet();
			int due = committed.getAndSet(0);
			published.addAndGet(due);
			return due;
		}, Duration.ofHours(1), Duration.ofSeconds(1));
		loop.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() >= 1);

		committed.set(3);
		loop.stop();

		assertThat(published).hasValue(3);
		assertThat(loop.isRunning()).isFalse();
	}

	@Test
	void aStopEndsABackoffPauseWithoutWaitingItOut() {
		AtomicInteger failures = new AtomicInteger();
		RelayLoop loop = new RelayLoop("failing-relay", () -> {
			failures.incrementAndGet();
			throw new IllegalStateException("broker away");
		}, Duration.ofSeconds(1), Duration.ofMinutes(10));
		loop.start();
		// Pauses of 0.2, 0.4 ... 12.8 s: the eighth is longer than a stop may take.
		await().atMost(Duration.ofSeconds(40)).until(() -> failures.get() >= 7);
		long started = System.nanoTime();

		loop.stop();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(RelayLoop.STOP_TIMEOUT);
	}

	/**
	 * Stopped after the web server's graceful drain and the Kafka listener containers,
	 * and before the web server itself: what they committed is published by this process.
	 */
	@Test
	void relaysStopAfterTheWebDrainAndTheListenersAndBeforeTheServer() {
		RelayLoop loop = new RelayLoop("idle-relay", () -> 0, Duration.ofSeconds(1), Duration.ofSeconds(1));

		assertThat(loop.getPhase()).isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
			.isLessThan(AbstractMessageListenerContainer.DEFAULT_PHASE)
			.isGreaterThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
	}

}
