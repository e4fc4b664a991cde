package org.admoderation.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * wrk (Debian's package), a closed-loop HTTP load generator written in C: N connections,
 * each sending its next {@code POST /async_predict} as soon as the previous one answered.
 * Its own CPU cost is a fraction of a JVM client's, which matters when it shares two
 * cores with everything it measures.
 */
final class Wrk {

	private final Path script;

	Wrk(Path workDirectory) {
		this.script = workDirectory.resolve("submit.lua");
		try (InputStream lua = Wrk.class.getResourceAsStream("/bench/submit.lua")) {
			Files.write(this.script, lua.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs one closed-loop load (each connection sends as soon as it has its answer) and
	 * returns its counts, latency percentiles and histogram.
	 */
	Result run(int port, int connections, Duration duration, long firstItemId, long itemCount)
			throws IOException, InterruptedException {
		return run(this.script, port, connections, duration, firstItemId, itemCount);
	}

	/**
	 * Runs a load of about {@code perSecond} requests: each connection pauses between an
	 * answer and its next request, the pause calibrated by a short first run (wrk has no
	 * fixed-rate mode; wrk2 is not packaged).
	 */
	Result runAtRate(int port, int connections, int perSecond, Duration duration, long firstItemId, long itemCount)
			throws IOException, InterruptedException {
		double cycleMillis = connections * 1000.0 / perSecond;
		long pauseMillis = Math.max(0, Math.round(cycleMillis));
		Result calibration = run(pacedScript(pauseMillis), port, connections, Duration.ofSeconds(5), firstItemId,
				itemCount);
		// What a cycle took beyond the pause is the answer's latency at this rate.
		double latencyMillis = Math.max(0, connections * 1000.0 / calibration.perSecond() - pauseMillis);
		pauseMillis = Math.max(0, Math.round(cycleMillis - latencyMillis));
		return run(pacedScript(pauseMillis), port, connections, duration, firstItemId, itemCount);
	}

	private Path pacedScript(long pauseMillis) throws IOException {
		Path paced = this.script.resolveSibling("submit-paced-" + pauseMillis + "ms.lua");
		Files.writeString(paced,
				Files.readString(this.script) + "\nfunction delay()\n  return " + pauseMillis + "\nend\n");
		return paced;
	}

	private static Result run(Path script, int port, int connections, Duration duration, long firstItemId,
			long itemCount) throws IOException, InterruptedException {
		Process wrk = new ProcessBuilder("wrk", "-t", Integer.toString(Math.min(2, connections)), "-c",
				Integer.toString(connections), "-d", duration.toSeconds() + "s", "--timeout", "10s", "-s",
				script.toString(), "http://127.0.0.1:" + port, "--", Long.toString(firstItemId),
				Long.toString(itemCount))
			.redirectErrorStream(true)
			.start();
		String output = new String(wrk.getInputStream().readAllBytes());
		wrk.waitFor();
		String json = output.lines()
			.filter((line) -> line.startsWith("WRK_JSON "))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("wrk printed no summary: " + output))
			.substring("WRK_JSON ".length());
		JsonNode summary = new JsonMapper().readTree(json);
		double seconds = summary.get("duration_us").asLong() / 1e6;
		long errors = 0;
		for (JsonNode count : summary.get("errors")) {
			errors += count.asLong();
		}
		long requests = summary.get("requests").asLong();
		Map<String, Double> percentilesMillis = new LinkedHashMap<>();
		double[] histogram = new double[(int) (summary.get("percentiles_us")
			.get(summary.get("percentiles_us").size() - 1)
			.get(1)
			.asLong() / 1000) + 1];
		double previousPercentile = 0;
		double previousMicros = summary.get("min_us").asLong();
		for (JsonNode point : summary.get("percentiles_us")) {
			double percentile = point.get(0).asDouble();
			double micros = point.get(1).asLong();
			String name = (percentile == 100) ? "max"
					: BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
			if (List.of("50", "90", "99", "99.9", "max").contains(name)) {
				percentilesMillis.put(name, micros / 1000.0);
			}
			spread(histogram, (percentile - previousPercentile) / 100 * requests, previousMicros, micros);
			previousPercentile = percentile;
			previousMicros = micros;
		}
		long[] histogram1ms = new long[histogram.length];
		for (int bucket = 0; bucket < histogram.length; bucket++) {
			histogram1ms[bucket] = Math.round(histogram[bucket]);
		}
		return new Result(requests, seconds, errors, percentilesMillis, histogram1ms);
	}

	/**
	 * Adds the requests whose latency lies between two percentile points to the 1 ms
	 * buckets that interval covers, evenly: with 200 points the histogram keeps its
	 * shape.
	 */
	private static void spread(double[] histogram, double requests, double fromMicros, double toMicros) {
		int first = (int) (fromMicros / 1000);
		int last = (int) (toMicros / 1000);
		if (last == first || toMicros <= fromMicros) {
			histogram[last] += requests;
			return;
		}
		for (int bucket = first; bucket <= last; bucket++) {
			double overlap = Math.min(toMicros, (bucket + 1) * 1000.0) - Math.max(fromMicros, bucket * 1000.0);
			histogram[bucket] += requests * overlap / (toMicros - fromMicros);
		}
	}

	static boolean installed() {
		return List.of("/usr/bin/wrk", "/usr/local/bin/wrk")
			.stream()
			.anyMatch((path) -> Files.isExecutable(Path.of(path)));
	}

	/**
	 * @param requests completed requests
	 * @param seconds measured duration
	 * @param errors connection errors, timeouts and non-2xx/3xx answers
	 * @param latencyPercentilesMillis latency by percentile ("50", "99", "max", ...)
	 * @param histogram1ms requests per 1 ms of latency: [0, 1), [1, 2), ...
	 */
	record Result(long requests, double seconds, long errors, Map<String, Double> latencyPercentilesMillis,
			long[] histogram1ms) {

		double perSecond() {
			return (this.requests - this.errors) / this.seconds;
		}

	}

}
