package org.admoderation.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.admoderation.model.Advertisement;
import org.admoderation.model.training.LabelledAds;

import static org.awaitility.Awaitility.await;

/**
 * The pipeline's throughput next to PostgreSQL's own ceiling, in one run on one machine.
 * For each concurrency: pgbench's rate of the API's own insert into a copy of the task
 * table, then the API under wrk (accepted/s, latency percentiles and histogram), the
 * workers' completion rate while the load runs and the drain after it, and where the CPU
 * went. Then an open-loop load at half the API's rate for the submit-to-completed
 * latency, and each process's peak RSS. {@code system-tests/bench.sh} runs it: a program
 * that measures, not a test.
 * <p>
 * System properties: {@code bench.seconds}, {@code bench.warmupSeconds},
 * {@code bench.workers}, {@code bench.profile}, {@code bench.workDirectory}, and the
 * cluster's {@code faults.apiJar} and {@code faults.workerJar} (the executable jars to
 * run).
 */
public final class PipelineBenchmark {

	private static final Duration DURATION = Duration.ofSeconds(Long.getLong("bench.seconds", 20));

	private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 30));

	private static final boolean PROFILE = Boolean.getBoolean("bench.profile");

	/** bench.sh runs from the repository root, where model/data/handwritten is. */
	private static final Path REPOSITORY_ROOT = Path.of(System.getProperty("bench.repositoryRoot", ""));

	private static final int ADVERTISEMENTS = 100_000;

	private static final int[] CONCURRENCIES = { 16, 64 };

	private static final int LONG_POLL_CLIENTS = 1000;

	private PipelineBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		measure(Path.of(System.getProperty("bench.workDirectory", "system-tests/target/bench")));
	}

	private static void measure(Path workDirectory) throws Exception {
		try (ModerationCluster cluster = ModerationCluster.inEmptyDirectory(workDirectory, 1)) {
			cluster.startApi("--moderation.admin.metrics-key=" + LongPollMeasurement.METRICS_KEY);
			long[] items = loadAdvertisements(cluster);
			int workers = Integer.getInteger("bench.workers", 2);
			for (int i = 0; i < workers; i++) {
				cluster.startWorker();
			}
			Map<String, Long> pids = new LinkedHashMap<>();
			pids.put("api", cluster.api().pid());
			for (int i = 0; i < workers; i++) {
				pids.put("worker-" + (i + 1), cluster.workers().get(i).process().pid());
			}
			pids.put("kafka", cluster.kafka.pid());
			if ("long-poll".equals(System.getProperty("bench.only"))) {
				// The long-polls alone, in a minute: bench.sh BENCH_ONLY=long-poll.
				Map<String, Object> report = new LinkedHashMap<>();
				report.put("machine", Machine.describe());
				report.put("workers", workers);
				report.put("long_poll", new LongPollMeasurement(cluster).measure(items[0], LONG_POLL_CLIENTS,
						PROFILE ? new Profiler(workDirectory, pids) : null));
				BenchmarkReport.write(workDirectory, report);
				return;
			}

			Map<String, Object> report = new LinkedHashMap<>();
			report.put("machine", Machine.describe());
			report.put("duration_seconds", DURATION.toSeconds());
			report.put("warmup_seconds", WARMUP.toSeconds());
			report.put("workers", workers);
			report.put("advertisements", ADVERTISEMENTS);
			report.put("service_jvm_options",
					Map.of("api", ModerationCluster.serviceJvmOptions(ModerationCluster.API_HEAP), "worker",
							ModerationCluster.serviceJvmOptions(ModerationCluster.WORKER_HEAP)));
			report.put("jars", List.of(System.getProperty("faults.apiJar"), System.getProperty("faults.workerJar")));

			Wrk wrk = new Wrk(workDirectory);
			// The JIT compiles the request path and the workers' batch path before
			// anything is measured; a deployed service runs warm.
			wrk.run(cluster.apiPort(), CONCURRENCIES[CONCURRENCIES.length - 1], WARMUP, items[0], items[1]);
			awaitDrained(cluster);

			Profiler profiler = PROFILE ? new Profiler(workDirectory, pids) : null;
			List<Map<String, Object>> runs = new ArrayList<>();
			for (int concurrency : CONCURRENCIES) {
				Map<String, Object> run = new LinkedHashMap<>();
				run.put("concurrency", concurrency);
				double ceiling = pgbenchInsertRate(cluster, workDirectory, concurrency, items);
				run.put("pgbench_insert_per_second", round(ceiling));

				long lastTaskBefore = lastTaskId(cluster);
				Map<String, Double> cpuBefore = CpuTime.snapshot(pids);
				if (profiler != null) {
					profiler.start("cpu");
				}
				resetStatementStatistics(cluster);
				long loadStarted = System.nanoTime();
				Wrk.Result load = wrk.run(cluster.apiPort(), concurrency, DURATION, items[0], items[1]);
				double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
				run.put("load_seconds", round(loadSeconds));
				run.put("cpu_cores_during_load", CpuTime.coresBetween(cpuBefore, CpuTime.snapshot(pids), loadSeconds));
				run.put("api_accepted_per_second", round(load.perSecond()));
				run.put("api_ratio_to_ceiling", round(load.perSecond() / ceiling));
				run.put("api_latency_ms", load.latencyPercentilesMillis());
				run.put("api_errors", load.errors());
				run.put("pending_at_end_of_load", pendingTasks(cluster));
				long loadEnded = System.nanoTime();
				if (profiler != null) {
					profiler.stop("c" + concurrency);
				}
				awaitDrained(cluster);
				run.put("drain_seconds_after_load", round((System.nanoTime() - loadEnded) / 1e9));
				run.put("top_statements", topStatements(cluster));

				Timeline timeline = Timeline.after(cluster, lastTaskBefore);
				run.put("completed", timeline.completed());
				run.put("worker_mean_batch_size", meanBatchSize(cluster, lastTaskBefore));
				run.put("completion_per_second_during_load", round(timeline.completedPerSecondWhileSubmitting()));
				run.put("completion_per_second_including_drain", round(timeline.completedPerSecondOverall()));
				run.put("submit_to_completed_ms", submitToCompleted(cluster, lastTaskBefore).percentiles());
				run.put("latency_histogram_1ms", load.histogram1ms());
				run.put("timeline", timeline.asMap());
				runs.add(run);
			}
			report.put("runs", runs);
			report.put("ingest_only", ingestOnly(cluster, wrk, pids, items,
					(double) runs.get(runs.size() - 1).get("pgbench_insert_per_second")));

			double fullLoad = (double) runs.get(runs.size() - 1).get("api_accepted_per_second");
			report.put("half_load", halfLoad(cluster, wrk, pids, items, (int) Math.max(1, fullLoad / 2), profiler));

			report.put("long_poll", new LongPollMeasurement(cluster).measure(items[0], LONG_POLL_CLIENTS, null));

			Map<String, Double> rss = new LinkedHashMap<>();
			pids.forEach((name, pid) -> rss.put(name, peakRssMib(pid)));
			report.put("peak_rss_mib", rss);
			BenchmarkReport.write(workDirectory, report);
		}
	}

	/**
	 * A steady load the workers can sustain, half the API's closed-loop rate: the time
	 * from a task's insert to its result, which a load beyond capacity would only show as
	 * queueing.
	 */
	private static Map<String, Object> halfLoad(ModerationCluster cluster, Wrk wrk, Map<String, Long> pids,
			long[] items, int perSecond, Profiler profiler) throws IOException, InterruptedException {
		long lastTaskBefore = lastTaskId(cluster);
		if (profiler != null) {
			profiler.start("wall");
		}
		Map<String, Double> cpuBefore = CpuTime.snapshot(pids);
		long started = System.nanoTime();
		Wrk.Result load = wrk.runAtRate(cluster.apiPort(), 64, perSecond, DURATION, items[0], items[1]);
		double loadSeconds = (System.nanoTime() - started) / 1e9;
		Map<String, Double> cores = CpuTime.coresBetween(cpuBefore, CpuTime.snapshot(pids), loadSeconds);
		if (profiler != null) {
			profiler.stop("half-load-wall");
		}
		awaitDrained(cluster);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("target_per_second", perSecond);
		result.put("accepted_per_second", round(load.perSecond()));
		result.put("api_latency_ms", load.latencyPercentilesMillis());
		result.put("api_errors", load.errors());
		result.put("cpu_cores_during_load", cores);
		Distribution latency = submitToCompleted(cluster, lastTaskBefore);
		result.put("submit_to_completed_ms", latency.percentiles());
		result.put("submit_to_completed_histogram_10ms", latency.histogram(10));
		result.put("worker_mean_batch_size", meanBatchSize(cluster, lastTaskBefore));
		result.put("timeline", Timeline.after(cluster, lastTaskBefore).asMap());
		return result;
	}

	/**
	 * The API at concurrency 64 with the workers frozen (SIGSTOP): the same conditions as
	 * pgbench had, nothing else using the cores, so the ratio compares like with like.
	 * Then the workers thaw and drain the backlog with the API idle: their completion
	 * capacity.
	 */
	private static Map<String, Object> ingestOnly(ModerationCluster cluster, Wrk wrk, Map<String, Long> pids,
			long[] items, double ceiling) throws IOException, InterruptedException {
		int concurrency = CONCURRENCIES[CONCURRENCIES.length - 1];
		long lastTaskBefore = lastTaskId(cluster);
		cluster.workers().forEach((worker) -> worker.process().freeze(true));
		Map<String, Double> cpuBefore = CpuTime.snapshot(pids);
		long started = System.nanoTime();
		Wrk.Result load;
		try {
			load = wrk.run(cluster.apiPort(), concurrency, DURATION, items[0], items[1]);
		}
		finally {
			cluster.workers().forEach((worker) -> worker.process().freeze(false));
		}
		double loadSeconds = (System.nanoTime() - started) / 1e9;
		Map<String, Double> cores = CpuTime.coresBetween(cpuBefore, CpuTime.snapshot(pids), loadSeconds);
		long backlog = pendingTasks(cluster);
		long thawed = System.nanoTime();
		awaitDrained(cluster);
		double drainSeconds = (System.nanoTime() - thawed) / 1e9;
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("concurrency", concurrency);
		result.put("api_accepted_per_second", round(load.perSecond()));
		result.put("api_ratio_to_ceiling", round(load.perSecond() / ceiling));
		result.put("api_latency_ms", load.latencyPercentilesMillis());
		result.put("api_errors", load.errors());
		result.put("cpu_cores_during_load", cores);
		result.put("backlog_after_load", backlog);
		result.put("drain_seconds", round(drainSeconds));
		Timeline timeline = Timeline.after(cluster, lastTaskBefore);
		result.put("drain_completed_per_second", round(timeline.peakCompletedPerSecond()));
		result.put("timeline", timeline.asMap());
		return result;
	}

	/**
	 * Loads {@value #ADVERTISEMENTS} ads whose texts cycle through the hand-written ads
	 * of {@code model/data/handwritten}, so the encoder sees the length of real listings
	 * (median about 110 characters, a tail past 1,300) instead of one short sentence.
	 * @return the first advertisement id and the number of ads
	 */
	private static long[] loadAdvertisements(ModerationCluster cluster) throws IOException {
		long seller = cluster.jdbc.sql("insert into sellers (name, is_verified) values ('bench', true) returning id")
			.query(Long.class)
			.single();
		List<Advertisement> handwritten = LabelledAds.allHandwritten(REPOSITORY_ROOT);
		List<String> titles = handwritten.stream().map(Advertisement::title).toList();
		List<String> descriptions = handwritten.stream().map(Advertisement::description).toList();
		cluster.jdbc.sql("""
				insert into advertisements (seller_id, title, description, category, price, images_qty)
				select :seller, t.title, t.description, 1 + g % 8, 500 + g % 50000, g % 10
				from generate_series(0, :count - 1) g
				join unnest(:titles, :descriptions) with ordinality as t(title, description, n)
				  on t.n = 1 + g % :texts
				""")
			.param("seller", seller)
			.param("count", ADVERTISEMENTS)
			.param("titles", titles.toArray(String[]::new))
			.param("descriptions", descriptions.toArray(String[]::new))
			.param("texts", titles.size())
			.update();
		cluster.jdbc.sql("create table bench_ceiling (like moderation_results including all)").update();
		cluster.jdbc.sql("create extension if not exists pg_stat_statements").update();
		cluster.jdbc.sql("analyze").update();
		long first = cluster.jdbc.sql("select min(id) from advertisements where seller_id = :seller")
			.param("seller", seller)
			.query(Long.class)
			.single();
		return new long[] { first, ADVERTISEMENTS };
	}

	/**
	 * pgbench: the API's own insert (existence check included) into a copy of the task
	 * table, prepared, over the same number of connections.
	 */
	private static double pgbenchInsertRate(ModerationCluster cluster, Path workDirectory, int concurrency,
			long[] items) throws IOException, InterruptedException {
		Path script = workDirectory.resolve("insert.sql");
		Files.writeString(script, "\\set item random(" + items[0] + ", " + (items[0] + items[1] - 1) + ")\n"
				+ "insert into bench_ceiling (item_id) select a.id from advertisements a where a.id = :item returning id;\n");
		Process pgbench = new ProcessBuilder(cluster.postgres().pgbench().toString(), "-h", "127.0.0.1", "-p",
				Integer.toString(cluster.postgres().port()), "-U", "postgres", "-n", "-M", "prepared", "-c",
				Integer.toString(concurrency), "-j", "2", "-T", Long.toString(DURATION.toSeconds()), "-f",
				script.toString(), "moderation")
			.redirectErrorStream(true)
			.start();
		String output = new String(pgbench.getInputStream().readAllBytes());
		pgbench.waitFor();
		Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
		if (!tps.find()) {
			throw new IllegalStateException("pgbench printed no tps: " + output);
		}
		return Double.parseDouble(tps.group(1));
	}

	private static Distribution submitToCompleted(ModerationCluster cluster, long lastTaskBefore) {
		List<Long> millis = cluster.jdbc.sql("""
				select (extract(epoch from processed_at - created_at) * 1000)::bigint from moderation_results
				where id > :after and status <> 'pending'
				""").param("after", lastTaskBefore).query(Long.class).list();
		return new Distribution(millis.stream().mapToLong(Long::longValue).sorted().toArray());
	}

	private static void resetStatementStatistics(ModerationCluster cluster) {
		cluster.jdbc.sql("select pg_stat_statements_reset()").query((rs) -> {
		});
	}

	/**
	 * The database's side of the profile: the statements that took most of PostgreSQL's
	 * time since the last reset, with their calls, rows and mean time.
	 */
	private static List<Map<String, Object>> topStatements(ModerationCluster cluster) {
		return cluster.jdbc.sql("""
				select left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query, calls, rows,
				       round(total_exec_time::numeric, 1) as total_ms, round(mean_exec_time::numeric, 3) as mean_ms
				from pg_stat_statements
				where dbid = (select oid from pg_database where datname = current_database())
				order by total_exec_time desc limit 8
				""").query((rs, row) -> {
			Map<String, Object> statement = new LinkedHashMap<>();
			statement.put("query", rs.getString("query"));
			statement.put("calls", rs.getLong("calls"));
			statement.put("rows", rs.getLong("rows"));
			statement.put("total_ms", rs.getDouble("total_ms"));
			statement.put("mean_ms", rs.getDouble("mean_ms"));
			return statement;
		}).list();
	}

	/**
	 * A worker stores a batch's results in one transaction, so they share
	 * {@code processed_at = now()}: tasks per distinct timestamp is the mean batch size.
	 */
	private static double meanBatchSize(ModerationCluster cluster, long lastTaskBefore) {
		return round(cluster.jdbc.sql(
				"select count(*)::float / greatest(count(distinct processed_at), 1) from moderation_results where id > :after")
			.param("after", lastTaskBefore)
			.query(Double.class)
			.single());
	}

	private static void awaitDrained(ModerationCluster cluster) {
		await().atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> pendingTasks(cluster) == 0);
	}

	private static long lastTaskId(ModerationCluster cluster) {
		return cluster.jdbc.sql("select coalesce(max(id), 0) from moderation_results").query(Long.class).single();
	}

	private static long pendingTasks(ModerationCluster cluster) {
		return cluster.jdbc.sql("select count(*) from moderation_results where status = 'pending'")
			.query(Long.class)
			.single();
	}

	private static double peakRssMib(long pid) {
		double mib = ManagedProcess.peakRssMib(pid);
		return (mib < 0) ? -1 : round(mib);
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/** Sorted latencies in milliseconds. */
	record Distribution(long[] sortedMillis) {

		Map<String, Double> percentiles() {
			Map<String, Double> result = new LinkedHashMap<>();
			if (this.sortedMillis.length == 0) {
				return result;
			}
			for (double p : new double[] { 50, 90, 99, 99.9 }) {
				int index = Math.min(this.sortedMillis.length - 1, (int) (this.sortedMillis.length * p / 100));
				result.put(p == 99.9 ? "99.9" : Integer.toString((int) p), (double) this.sortedMillis[index]);
			}
			result.put("max", (double) this.sortedMillis[this.sortedMillis.length - 1]);
			return result;
		}

		long[] histogram(int bucketMillis) {
			if (this.sortedMillis.length == 0) {
				return new long[0];
			}
			long[] histogram = new long[(int) (this.sortedMillis[this.sortedMillis.length - 1] / bucketMillis) + 1];
			for (long millis : this.sortedMillis) {
				histogram[(int) (Math.max(0, millis) / bucketMillis)]++;
			}
			return histogram;
		}

	}

	/**
	 * Tasks created and completed per wall-clock second, from the database's own
	 * timestamps, for the tasks after a given id.
	 */
	record Timeline(TreeMap<Long, Long> submittedBySecond, TreeMap<Long, Long> completedBySecond) {

		static Timeline after(ModerationCluster cluster, long lastTaskBefore) {
			return new Timeline(perSecond(cluster, "created_at", lastTaskBefore),
					perSecond(cluster, "processed_at", lastTaskBefore));
		}

		private static TreeMap<Long, Long> perSecond(ModerationCluster cluster, String column, long lastTaskBefore) {
			TreeMap<Long, Long> counts = new TreeMap<>();
			cluster.jdbc
				.sql("select floor(extract(epoch from " + column + "))::bigint, count(*) from moderation_results"
						+ " where id > :after and " + column + " is not null group by 1")
				.param("after", lastTaskBefore)
				.query((rs) -> {
					counts.put(rs.getLong(1), rs.getLong(2));
				});
			return counts;
		}

		long completed() {
			return this.completedBySecond.values().stream().mapToLong(Long::longValue).sum();
		}

		/** Completions in the seconds that also saw submissions, per second. */
		double completedPerSecondWhileSubmitting() {
			if (this.submittedBySecond.isEmpty()) {
				return 0;
			}
			long first = this.submittedBySecond.firstKey();
			long last = this.submittedBySecond.lastKey();
			long completedMeanwhile = this.completedBySecond.subMap(first, true, last, true)
				.values()
				.stream()
				.mapToLong(Long::longValue)
				.sum();
			return completedMeanwhile / (double) (last - first + 1);
		}

		double completedPerSecondOverall() {
			if (this.submittedBySecond.isEmpty() || this.completedBySecond.isEmpty()) {
				return 0;
			}
			long first = this.submittedBySecond.firstKey();
			return completed() / (double) (this.completedBySecond.lastKey() - first + 1);
		}

		/**
		 * The median of the full seconds in which tasks completed (the first and last
		 * second are partial): the workers' rate while they had a backlog.
		 */
		double peakCompletedPerSecond() {
			List<Long> seconds = new ArrayList<>(this.completedBySecond.values());
			if (seconds.size() <= 2) {
				return seconds.stream().mapToLong(Long::longValue).sum();
			}
			List<Long> full = new ArrayList<>(seconds.subList(1, seconds.size() - 1));
			full.sort(null);
			return full.get(full.size() / 2);
		}

		/** Seconds from the first submission: submitted and completed per second. */
		Map<String, Object> asMap() {
			Map<String, Object> result = new LinkedHashMap<>();
			if (this.submittedBySecond.isEmpty()) {
				return result;
			}
			long first = this.submittedBySecond.firstKey();
			long last = Math.max(this.submittedBySecond.lastKey(),
					this.completedBySecond.isEmpty() ? first : this.completedBySecond.lastKey());
			List<Long> submittedSeries = new ArrayList<>();
			List<Long> completedSeries = new ArrayList<>();
			for (long second = first; second <= last; second++) {
				submittedSeries.add(this.submittedBySecond.getOrDefault(second, 0L));
				completedSeries.add(this.completedBySecond.getOrDefault(second, 0L));
			}
			List<Long> queuedSeries = new ArrayList<>();
			long queued = 0;
			for (int i = 0; i < submittedSeries.size(); i++) {
				queued += submittedSeries.get(i) - completedSeries.get(i);
				queuedSeries.add(queued);
			}
			result.put("submitted_per_second", submittedSeries);
			result.put("completed_per_second", completedSeries);
			result.put("queued_at_end_of_second", queuedSeries);
			result.put("max_queued", queuedSeries.stream().mapToLong(Long::longValue).max().orElse(0));
			return result;
		}

	}

}
