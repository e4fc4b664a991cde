package org.admoderation.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.admoderation.system.PipelineBenchmark.Distribution;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A thousand clients long-polling ({@code GET /moderation_result/{id}?wait=60s}) while
 * the workers end their tasks: how long after its task became terminal each client had
 * its answer. The reference is the commit of the transaction that ended the task
 * (PostgreSQL's {@code track_commit_timestamp}), not {@code processed_at}, which is its
 * start; the answer's time is when this process, a client on the same machine and clock,
 * read it. The workers are frozen while the clients line up, so every answer goes through
 * the notification path rather than the first read.
 */
final class LongPollMeasurement {

	static final String METRICS_KEY = "benchmark-metrics-key-0123456789";

	private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.longPollWarmUps", 5);

	private static final Pattern WAITING = Pattern.compile("(?m)^moderation_long_polls_waiting\\{[^}]*} (\\S+)$");

	private final ModerationCluster cluster;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	LongPollMeasurement(ModerationCluster cluster) {
		this.cluster = cluster;
	}

	/**
	 * The API must have been started with {@code moderation.admin.metrics-key=}
	 * {@value #METRICS_KEY}.
	 */
	Map<String, Object> measure(long itemId, int clients, @Nullable Profiler profiler) throws Exception {
		// The first rounds get the path of an answer compiled (C2): a deployed API runs
		// warm. With one, two thirds of the API's CPU in the measured round was still the
		// JIT's.
		for (int warmUp = 0; warmUp < WARM_UP_ROUNDS; warmUp++) {
			round(itemId, clients, null);
		}
		return round(itemId, clients, profiler);
	}

	private Map<String, Object> round(long itemId, int clients, @Nullable Profiler profiler) throws Exception {
		double[] apiDelayBefore = apiAnswerDelay();
		Map<Long, CompletableFuture<Instant>> answered = new HashMap<>();
		this.cluster.workers().forEach((worker) -> worker.process().freeze(true));
		try {
			List<Long> taskIds = new ArrayList<>(clients);
			for (int i = 0; i < clients; i++) {
				taskIds.add(submit(itemId));
			}
			for (long taskId : taskIds) {
				answered.put(taskId, longPoll(taskId));
			}
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> waiting() >= clients);
		}
		finally {
			if (profiler != null) {
				profiler.start("cpu");
			}
			this.cluster.workers().forEach((worker) -> worker.process().freeze(false));
		}
		CompletableFuture.allOf(answered.values().toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
		if (profiler != null) {
			profiler.stop("long-poll");
		}
		Map<Long, Instant> committed = new HashMap<>();
		this.cluster.jdbc.sql("""
				select id, pg_xact_commit_timestamp(xmin) as committed_at from moderation_results
				where id = any(:ids) and status <> 'pending'
				""")
			.param("ids", answered.keySet().toArray(Long[]::new))
			.query((rs, row) -> committed.put(rs.getLong("id"), rs.getTimestamp("committed_at").toInstant()))
			.list();
		long[] millis = answered.entrySet()
			.stream()
			.mapToLong((entry) -> Duration.between(committed.get(entry.getKey()), entry.getValue().join()).toMillis())
			.sorted()
			.toArray();
		Distribution latency = new Distribution(millis);
		Instant firstCommit = committed.values().stream().min(Instant::compareTo).orElseThrow();
		Instant lastCommit = committed.values().stream().max(Instant::compareTo).orElseThrow();
		Instant lastAnswer = answered.values()
			.stream()
			.map(CompletableFuture::join)
			.max(Instant::compareTo)
			.orElseThrow();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("clients", clients);
		result.put("answered", millis.length);
		result.put("answered_after_commit_ms", latency.percentiles());
		result.put("within_100ms",
				Math.round(1000.0 * java.util.Arrays.stream(millis).filter((ms) -> ms <= 100).count() / millis.length)
						/ 10.0);
		// The workers' pace against the API's: how long the tasks took to end, and to be
		// answered.
		result.put("first_to_last_commit_ms", Duration.between(firstCommit, lastCommit).toMillis());
		result.put("first_commit_to_last_answer_ms", Duration.between(firstCommit, lastAnswer).toMillis());
		// The API's own share: from its notification to the answer written.
		double[] apiDelay = apiAnswerDelay();
		double answers = apiDelay[1] - apiDelayBefore[1];
		result.put("api_notification_to_answer_mean_ms",
				(answers > 0) ? PipelineBenchmark.round((apiDelay[0] - apiDelayBefore[0]) * 1000 / answers) : -1);
		result.put("answered_after_commit_histogram_10ms", latency.histogram(10));
		return result;
	}

	private long submit(long itemId) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(api("/async_predict?item_id=" + itemId))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher id = Pattern.compile("\"task_id\":(\\d+)").matcher(response.body());
		if (response.statusCode() != 202 || !id.find()) {
			throw new IllegalStateException("Submission answered " + response.statusCode() + ": " + response.body());
		}
		return Long.parseLong(id.group(1));
	}

	private CompletableFuture<Instant> longPoll(long taskId) {
		return this.http
			.sendAsync(HttpRequest.newBuilder(api("/moderation_result/" + taskId + "?wait=60s"))
				.timeout(Duration.ofSeconds(90))
				.build(), HttpResponse.BodyHandlers.ofString())
			.thenApply((response) -> {
				Instant at = Instant.now();
				if (response.statusCode() != 200 || response.body().contains("\"status\":\"pending\"")) {
					throw new IllegalStateException(
							"Task " + taskId + " answered " + response.statusCode() + ": " + response.body());
				}
				return at;
			});
	}

	private double waiting() throws IOException, InterruptedException {
		Matcher gauge = WAITING.matcher(metrics());
		return gauge.find() ? Double.parseDouble(gauge.group(1)) : -1;
	}

	/** The API's answer delay timer: seconds in all, and answers. */
	private double[] apiAnswerDelay() throws IOException, InterruptedException {
		String metrics = metrics();
		return new double[] { series(metrics, "moderation_long_polls_answer_delay_seconds_sum"),
				series(metrics, "moderation_long_polls_answer_delay_seconds_count") };
	}

	private static double series(String metrics, String name) {
		Matcher value = Pattern.compile("(?m)^" + name + "\\{[^}]*} (\\S+)$").matcher(metrics);
		return value.find() ? Double.parseDouble(value.group(1)) : 0;
	}

	private String metrics() throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.cluster.apiManagementPort() + "/actuator/prometheus"))
				.header("Authorization", "Bearer " + METRICS_KEY)
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private URI api(String pathAndQuery) {
		return URI.create("http://localhost:" + this.cluster.apiPort() + pathAndQuery);
	}

}
