package org.admoderation.faults;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * The pipeline's throughput next to PostgreSQL's own ceiling, in one run on one machine:
 * pgbench's single-row INSERT rate into a copy of the task table, then the API's accepted
 * rate and latency over real HTTP at the same concurrencies, the workers' completion rate
 * and drain time, and each process's peak RSS. {@code bench/run.sh} runs it; it asserts
 * nothing, it measures.
 */
class PipelineBenchmark {

	private static final Duration DURATION = Duration.ofSeconds(Long.getLong("bench.seconds", 15));

	private static final int ADVERTISEMENTS = 100_000;

	@Test
	void measure() throws Exception {
		Path workDirectory = Path.of(System.getProperty("faults.workDirectory")).resolveSibling("bench");
		if (Files.exists(workDirectory)) {
			try (var paths = Files.walk(workDirectory)) {
				paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
		try (ModerationCluster cluster = new ModerationCluster(workDirectory,
				System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
				System.getProperty("faults.apiJar"), System.getProperty("faults.workerJar"))) {
			cluster.startApi();
			loadAdvertisements(cluster);
			int workers = Integer.getInteger("bench.workers", 2);
			for (int i = 0; i < workers; i++) {
				cluster.startWorker();
			}
			Map<String, Object> report = new LinkedHashMap<>();
			report.put("duration_seconds", DURATION.toSeconds());
			report.put("workers", workers);
			report.put("service_jvm_options",
					"-Xmx384m -XX:+UseSerialGC " + System.getProperty("cluster.jvmOptions", ""));
			List<Map<String, Object>> runs = new ArrayList<>();
			for (int concurrency : new int[] { 16, 64 }) {
				Map<String, Object> run = new LinkedHashMap<>();
				run.put("concurrency", concurrency);
				double ceiling = pgbenchInsertRate(cluster, workDirectory, concurrency);
				run.put("pgbench_insert_per_second", round(ceiling));
				long before = terminalTasks(cluster);
				long started = System.nanoTime();
				HttpLoad load = httpLoad(cluster.apiPort(), concurrency);
				run.put("api_accepted_per_second", round(load.perSecond()));
				run.put("api_ratio_to_ceiling", round(load.perSecond() / ceiling));
				run.put("api_latency_ms", load.latencyMillis());
				run.put("api_errors", load.errors());
				await().atMost(Duration.ofMinutes(10))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> pendingTasks(cluster) == 0);
				double seconds = (System.nanoTime() - started) / 1e9;
				long completed = terminalTasks(cluster) - before;
				run.put("completed", completed);
				run.put("completion_per_second_including_drain", round(completed / seconds));
				run.put("drain_seconds_after_load", round(seconds - DURATION.toSeconds()));
				run.put("submit_to_completed_ms", submitToCompleted(cluster));
				runs.add(run);
			}
			report.put("runs", runs);
			Map<String, Object> rss = new LinkedHashMap<>();
			rss.put("api", peakRssMib(cluster.api().pid()));
			for (int i = 0; i < cluster.workers().size(); i++) {
				rss.put("worker-" + (i + 1), peakRssMib(cluster.workers().get(i).process().pid()));
			}
			report.put("peak_rss_mib", rss);
			write(workDirectory, report);
		}
	}

	private static void loadAdvertisements(ModerationCluster cluster) {
		long seller = cluster.jdbc.sql("insert into sellers (name, is_verified) values ('bench', true) returning id")
			.query(Long.class)
			.single();
		cluster.jdbc.sql("""
				insert into advertisements (seller_id, title, description, category, price, images_qty)
				select :seller, 'Объявление ' || g, 'Продаю вещь в хорошем состоянии, самовывоз. Номер ' || g,
				       1 + g % 8, 500 + g % 50000, g % 10
				from generate_series(1, :count) g
				""").param("seller", seller).param("count", ADVERTISEMENTS).update();
		cluster.jdbc.sql("create table bench_ceiling (like moderation_results including all)").update();
		cluster.jdbc.sql("analyze").update();
	}

	/**
	 * pgbench: the API's own insert (existence check included) into a copy of the task
	 * table.
	 */
	private static double pgbenchInsertRate(ModerationCluster cluster, Path workDirectory, int concurrency)
			throws IOException, InterruptedException {
		long[] range = cluster.jdbc.sql("select min(id), max(id) from advertisements")
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		Path script = workDirectory.resolve("insert.sql");
		Files.writeString(script, "\\set item random(" + range[0] + ", " + range[1] + ")\n"
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

	private static HttpLoad httpLoad(int port, int concurrency) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		ExecutorService threads = Executors.newFixedThreadPool(concurrency);
		long deadline = System.nanoTime() + DURATION.toNanos();
		List<long[]> latencies = new ArrayList<>();
		AtomicLong errors = new AtomicLong();
		for (int t = 0; t < concurrency; t++) {
			long[] mine = new long[300_000];
			int[] count = { 0 };
			latencies.add(mine);
			int seed = t;
			threads.submit(() -> {
				int item = 1 + seed;
				while (System.nanoTime() < deadline) {
					long start = System.nanoTime();
					try {
						HttpResponse<Void> response = http.send(HttpRequest
							.newBuilder(URI.create("http://127.0.0.1:" + port + "/async_predict?item_id=" + item))
							.POST(HttpRequest.BodyPublishers.noBody())
							.build(), HttpResponse.BodyHandlers.discarding());
						if (response.statusCode() != 202) {
							errors.incrementAndGet();
						}
					}
					catch (Exception ex) {
						errors.incrementAndGet();
					}
					mine[++count[0]] = System.nanoTime() - start;
					mine[0] = count[0];
					item = 1 + (item + 7919) % ADVERTISEMENTS;
				}
			});
		}
		threads.shutdown();
		threads.awaitTermination(DURATION.toSeconds() + 60, TimeUnit.SECONDS);
		long total = latencies.stream().mapToLong((mine) -> mine[0]).sum();
		long[] all = new long[(int) total];
		int at = 0;
		for (long[] mine : latencies) {
			System.arraycopy(mine, 1, all, at, (int) mine[0]);
			at += (int) mine[0];
		}
		Arrays.sort(all);
		return new HttpLoad(total / (double) DURATION.toSeconds(), percentiles(all, 1e6), errors.get());
	}

	private static Map<String, Double> percentiles(long[] sorted, double unit) {
		Map<String, Double> result = new LinkedHashMap<>();
		if (sorted.length == 0) {
			return result;
		}
		result.put("p50", round(sorted[(int) (sorted.length * 0.50)] / unit));
		result.put("p90", round(sorted[(int) (sorted.length * 0.90)] / unit));
		result.put("p99", round(sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / unit));
		result.put("max", round(sorted[sorted.length - 1] / unit));
		return result;
	}

	private static Map<String, Double> submitToCompleted(ModerationCluster cluster) {
		List<Long> millis = cluster.jdbc.sql("""
				select (extract(epoch from processed_at - created_at) * 1000)::bigint from moderation_results
				where status <> 'pending' and created_at > now() - make_interval(secs => :seconds)
				""").param("seconds", DURATION.toSeconds() + 600).query(Long.class).list();
		long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
		return percentiles(sorted, 1);
	}

	private static long terminalTasks(ModerationCluster cluster) {
		return cluster.jdbc.sql("select count(*) from moderation_results where status <> 'pending'")
			.query(Long.class)
			.single();
	}

	private static long pendingTasks(ModerationCluster cluster) {
		return cluster.jdbc.sql("select count(*) from moderation_results where status = 'pending'")
			.query(Long.class)
			.single();
	}

	private static double peakRssMib(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmHWM:")) {
				return round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
			}
		}
		return -1;
	}

	private static void write(Path workDirectory, Map<String, Object> report) throws IOException {
		String json = new tools.jackson.databind.json.JsonMapper().writerWithDefaultPrettyPrinter()
			.writeValueAsString(report);
		Files.writeString(workDirectory.resolve("benchmark.json"), json);
		System.out.println("\nBENCHMARK " + json);
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	private record HttpLoad(double perSecond, Map<String, Double> latencyMillis, long errors) {

	}

}
