package org.admoderation.api.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.admoderation.common.review.ReviewQueue;
import org.admoderation.common.review.ReviewQueue.Cause;
import org.admoderation.common.review.ReviewQueue.Claim;
import org.admoderation.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The review queue on a real PostgreSQL, claimed from many connections at once: leases,
 * {@code SKIP LOCKED}, expiry, skips.
 */
class ReviewQueueTests {

	private static final Duration LEASE = Duration.ofMinutes(10);

	private static JdbcClient jdbc;

	private static ReviewQueue queue;

	@BeforeAll
	static void migrate() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(TestInfrastructure.jdbcUrl());
		dataSource.setUser(TestInfrastructure.username());
		dataSource.setPassword(TestInfrastructure.password());
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		jdbc = JdbcClient.create(dataSource);
		queue = new ReviewQueue(jdbc);
	}

	@BeforeEach
	void emptyQueue() {
		jdbc.sql("delete from review_queue").update();
	}

	@Test
	void reviewersClaimingAtOnceNeverGetTheSameItem() throws Exception {
		int items = 40;
		int reviewers = 8;
		List<Long> queued = LongStream.range(0, items).mapToObj((i) -> task()).toList();
		queue.enqueue(queued.stream().collect(Collectors.toMap((id) -> id, (id) -> Cause.REVIEW)));
		CyclicBarrier start = new CyclicBarrier(reviewers);
		List<Callable<List<Long>>> claimers = new ArrayList<>();
		for (int r = 0; r < reviewers; r++) {
			String reviewer = "reviewer-" + r;
			claimers.add(() -> {
				start.await();
				List<Long> claimed = new ArrayList<>();
				// A reviewer's own live lease would come back first: each claim here ends
				// it, as a verdict would, so the next claim takes a new item.
				for (Optional<Claim> claim = queue.claim(reviewer, LEASE); claim
					.isPresent(); claim = queue.claim(reviewer, LEASE)) {
					claimed.add(claim.get().taskId());
					jdbc.sql("update review_queue set claimed_by = :done, lease_until = now() + interval '1 hour'"
							+ " where task_id = :id")
						.param("done", "done")
						.param("id", claim.get().taskId())
						.update();
				}
				return claimed;
			});
		}
		ExecutorService pool = Executors.newFixedThreadPool(reviewers);
		List<Long> all = new ArrayList<>();
		try {
			for (Future<List<Long>> claimed : pool.invokeAll(claimers)) {
				all.addAll(claimed.get());
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(all).as("every item claimed exactly once")
			.hasSize(items)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(queued);
	}

	@Test
	void anExpiredLeaseReturnsTheItemToTheQueue() {
		long taskId = task();
		queue.enqueue(Map.of(taskId, Cause.REVIEW));

		assertThat(queue.claim("alice", Duration.ofMillis(300))).map(Claim::taskId).hasValue(taskId);
		assertThat(queue.claim("bob", LEASE)).as("while alice's lease lasts").isEmpty();

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(queue.claim("bob", LEASE)).map(Claim::taskId).hasValue(taskId));
		assertThat(queue.claim("alice", LEASE)).as("bob's now").isEmpty();
	}

	@Test
	void aReviewerGetsItsOwnLeasedItemBackAndTheModelsReviewsBeforeSamples() {
		long sample = task();
		queue.enqueue(Map.of(sample, Cause.QUALITY_SAMPLE));
		long review = task();
		queue.enqueue(Map.of(review, Cause.REVIEW));

		Claim first = queue.claim("alice", LEASE).orElseThrow();
		Claim again = queue.claim("alice", LEASE).orElseThrow();

		assertThat(first.taskId()).as("a review decision waits for a person; a sample does not").isEqualTo(review);
		assertThat(again.taskId()).as("a reloaded page shows the same item").isEqualTo(review);
		assertThat(again.leaseUntil()).isAfterOrEqualTo(first.leaseUntil());
		assertThat(queue.claim("bob", LEASE)).map(Claim::taskId).hasValue(sample);
	}

	@Test
	void aSkippedItemGoesToOthersAndNotBackToWhoSkippedIt() {
		long taskId = task();
		queue.enqueue(Map.of(taskId, Cause.REVIEW));
		queue.claim("alice", LEASE);

		assertThat(queue.skip(taskId, "alice")).isTrue();

		assertThat(queue.claim("alice", LEASE)).isEmpty();
		assertThat(queue.claim("bob", LEASE)).map(Claim::taskId).hasValue(taskId);
		assertThat(queue.skip(task(), "alice")).as("an item not in the queue").isFalse();
	}

	@Test
	void depthCountsReviewsSamplesAndClaims() {
		queue.enqueue(Map.of(task(), Cause.REVIEW, task(), Cause.REVIEW, task(), Cause.QUALITY_SAMPLE));
		queue.claim("alice", LEASE);

		ReviewQueue.Depth depth = queue.depth();

		assertThat(depth.depth()).isEqualTo(3);
		assertThat(depth.reviews()).isEqualTo(2);
		assertThat(depth.claimed()).isEqualTo(1);
		assertThat(depth.oldestAge()).isNotNull().isLessThan(Duration.ofMinutes(1));
		jdbc.sql("delete from review_queue").update();
		assertThat(queue.depth().oldestAge()).isNull();
	}

	private static long task() {
		return jdbc.sql("insert into moderation_results (item_id) values (1) returning id").query(Long.class).single();
	}

}
