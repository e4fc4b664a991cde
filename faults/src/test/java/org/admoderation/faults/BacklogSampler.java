package org.admoderation.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the pending tasks wait, sampled every 250 ms while a load runs: not yet published
 * (the API's outbox relay is behind) or published and not finished (the workers are
 * behind). A queue that keeps growing under load is a pipeline that does not keep up.
 */
final class BacklogSampler implements AutoCloseable {

	private static final long PERIOD_MILLIS = 250;

	private final JdbcClient jdbc;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final List<long[]> samples = new ArrayList<>();

	private final long started = System.nanoTime();

	BacklogSampler(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.timer.scheduleAtFixedRate(this::sample, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
	}

	private void sample() {
		long[] counts = this.jdbc.sql("""
				select count(*) filter (where publishes = 0), count(*) filter (where publishes > 0)
				from moderation_results where status = 'pending'
				""").query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		synchronized (this.samples) {
			this.samples.add(new long[] { (System.nanoTime() - this.started) / 1_000_000, counts[0], counts[1] });
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.timer.shutdown();
		this.timer.awaitTermination(5, TimeUnit.SECONDS);
	}

	/**
	 * Peak and last values, and the samples (ms since start, unpublished, in the workers'
	 * queue).
	 */
	Map<String, Object> summary() {
		Map<String, Object> summary = new LinkedHashMap<>();
		synchronized (this.samples) {
			summary.put("max_unpublished", this.samples.stream().mapToLong((sample) -> sample[1]).max().orElse(0));
			summary.put("max_published_unfinished",
					this.samples.stream().mapToLong((sample) -> sample[2]).max().orElse(0));
			summary.put("samples_ms_unpublished_unfinished", List.copyOf(this.samples));
		}
		return summary;
	}

}
