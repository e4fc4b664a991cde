package org.admoderation.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's three outputs from one report: {@code benchmark.json} (everything),
 * {@code benchmark.md} (the table for docs/benchmarks.md) and {@code benchmark.png}
 * (throughput over time and latency histograms).
 */
final class BenchmarkReport {

	private BenchmarkReport() {
	}

	static void write(Path directory, Map<String, Object> report) throws IOException {
		String json = new JsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report);
		Files.writeString(directory.resolve("benchmark.json"), json);
		boolean full = report.containsKey("runs");
		String markdown = (full ? markdown(report) : "") + longPolls(report);
		Files.writeString(directory.resolve("benchmark.md"), markdown);
		if (full) {
			chart(directory.resolve("benchmark.png"), report);
		}
		System.out.println("\n" + markdown);
		System.out.println("Written: " + directory.resolve("benchmark.json") + ", benchmark.md, benchmark.png");
	}

	@SuppressWarnings("unchecked")
	private static String markdown(Map<String, Object> report) {
		StringBuilder md = new StringBuilder();
		Map<String, Object> machine = (Map<String, Object>) report.get("machine");
		md.append(String.format(Locale.ROOT, "%s cores (%s), %s; %s s per load after %s s of warm-up; %s workers.%n%n",
				machine.get("cores"), machine.get("cpu"), machine.get("java"), report.get("duration_seconds"),
				report.get("warmup_seconds"), report.get("workers")));
		md.append("| concurrency | pgbench ceiling | API accepted | ratio | API p50 / p90 / p99 / max | errors"
				+ " | completed/s during load | pending at end | drain |\n");
		md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Map<String, Object> run : (List<Map<String, Object>>) report.get("runs")) {
			Map<String, Double> latency = (Map<String, Double>) run.get("api_latency_ms");
			md.append(String.format(Locale.ROOT,
					"| %s | %,.0f/s | %,.0f/s | **%.2f** | %s | %s | %,.0f/s | %s | %.1f s |%n", run.get("concurrency"),
					run.get("pgbench_insert_per_second"), run.get("api_accepted_per_second"),
					run.get("api_ratio_to_ceiling"), latencyCell(latency), run.get("api_errors"),
					run.get("completion_per_second_during_load"), run.get("pending_at_end_of_load"),
					run.get("drain_seconds_after_load")));
		}
		Map<String, Object> ingest = (Map<String, Object>) report.get("ingest_only");
		Map<String, Double> ingestLatency = (Map<String, Double>) ingest.get("api_latency_ms");
		md.append(String.format(Locale.ROOT,
				"| %s, workers frozen | | %,.0f/s | **%.2f** | %s | %s | (drain: %,.0f/s) | %s | %.1f s |%n",
				ingest.get("concurrency"), ingest.get("api_accepted_per_second"), ingest.get("api_ratio_to_ceiling"),
				latencyCell(ingestLatency), ingest.get("api_errors"), ingest.get("drain_completed_per_second"),
				ingest.get("backlog_after_load"), ingest.get("drain_seconds")));
		md.append("\nCPU cores used during each load:\n\n");
		List<Map<String, Object>> runs = (List<Map<String, Object>>) report.get("runs");
		List<String> processes = new ArrayList<>(
				((Map<String, Double>) runs.get(0).get("cpu_cores_during_load")).keySet());
		md.append("| concurrency | ").append(String.join(" | ", processes)).append(" | total |\n");
		md.append("| ---: |").append(" ---: |".repeat(processes.size() + 1)).append("\n");
		Map<String, Object> half = (Map<String, Object>) report.get("half_load");
		Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
		runs.forEach((run) -> rows.put(run.get("concurrency").toString(),
				(Map<String, Double>) run.get("cpu_cores_during_load")));
		rows.put(ingest.get("concurrency") + ", workers frozen",
				(Map<String, Double>) ingest.get("cpu_cores_during_load"));
		rows.put("half load", (Map<String, Double>) half.get("cpu_cores_during_load"));
		rows.forEach((label, cores) -> {
			md.append("| ").append(label).append(" | ");
			md.append(processes.stream()
				.map((name) -> String.format(Locale.ROOT, "%.2f", cores.get(name)))
				.collect(Collectors.joining(" | ")));
			md.append(String.format(Locale.ROOT, " | %.2f |%n",
					cores.values().stream().mapToDouble(Double::doubleValue).sum()));
		});
		Map<String, Double> endToEnd = (Map<String, Double>) half.get("submit_to_completed_ms");
		md.append(String.format(Locale.ROOT,
				"%nHalf load (paced at %s/s, %s accepted/s): submit-to-completed p50 %s ms, p90 %s ms, p99 %s ms, max %s ms.%n",
				half.get("target_per_second"), half.get("accepted_per_second"), endToEnd.get("50"), endToEnd.get("90"),
				endToEnd.get("99"), endToEnd.get("max")));
		for (Map<String, Object> run : runs) {
			md.append(String.format(Locale.ROOT,
					"%nPostgreSQL's top statements at concurrency %s (pg_stat_statements):%n%n",
					run.get("concurrency")));
			md.append("| statement | calls | rows | total ms | mean ms |\n| --- | ---: | ---: | ---: | ---: |\n");
			for (Map<String, Object> statement : (List<Map<String, Object>>) run.get("top_statements")) {
				md.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %s | %s |%n",
						statement.get("query").toString().replace("|", "\\|"), statement.get("calls"),
						statement.get("rows"), statement.get("total_ms"), statement.get("mean_ms")));
			}
		}
		md.append("\nPeak RSS (MiB): ")
			.append(((Map<String, Double>) report.get("peak_rss_mib")).entrySet()
				.stream()
				.map((entry) -> entry.getKey() + " " + entry.getValue())
				.collect(Collectors.joining(", ")))
			.append(".\n");
		return md.toString();
	}

	@SuppressWarnings("unchecked")
	private static String longPolls(Map<String, Object> report) {
		Map<String, Object> longPoll = (Map<String, Object>) report.get("long_poll");
		if (longPoll == null) {
			return "";
		}
		Map<String, Double> latency = (Map<String, Double>) longPoll.get("answered_after_commit_ms");
		return String.format(Locale.ROOT,
				"%n%s long-polls (?wait=60s) while the workers end their tasks: answered after the task's commit "
						+ "p50 %s ms, p90 %s ms, p99 %s ms, max %s ms; %s%% within 100 ms.%n",
				longPoll.get("clients"), latency.get("50"), latency.get("90"), latency.get("99"), latency.get("max"),
				longPoll.get("within_100ms"));
	}

	/** p50 / p90 / p99 / max in one table cell. */
	private static String latencyCell(Map<String, Double> latency) {
		return latency.get("50") + " / " + latency.get("90") + " / " + latency.get("99") + " / " + latency.get("max")
				+ " ms";
	}

	@SuppressWarnings("unchecked")
	private static void chart(Path file, Map<String, Object> report) throws IOException {
		System.setProperty("java.awt.headless", "true");
		List<Map<String, Object>> runs = (List<Map<String, Object>>) report.get("runs");
		List<Chart<?, ?>> charts = new ArrayList<>();
		for (Map<String, Object> run : runs) {
			charts.add(throughput("Concurrency " + run.get("concurrency") + ": tasks per second",
					(Map<String, Object>) run.get("timeline")));
		}
		Map<String, Object> half = (Map<String, Object>) report.get("half_load");
		charts.add(throughput("Half load (" + half.get("target_per_second") + "/s): tasks per second",
				(Map<String, Object>) half.get("timeline")));
		Map<String, Object> ingest = (Map<String, Object>) report.get("ingest_only");
		charts.add(throughput("Workers frozen, then thawed: tasks per second",
				(Map<String, Object>) ingest.get("timeline")));

		XYChart apiLatency = new XYChartBuilder().width(640)
			.height(400)
			.title("API latency histogram")
			.xAxisTitle("ms")
			.yAxisTitle("requests")
			.build();
		for (Map<String, Object> run : runs) {
			addHistogram(apiLatency, "concurrency " + run.get("concurrency"), (long[]) run.get("latency_histogram_1ms"),
					1);
		}
		charts.add(apiLatency);
		XYChart endToEnd = new XYChartBuilder().width(640)
			.height(400)
			.title("Submit-to-completed histogram at half load")
			.xAxisTitle("ms")
			.yAxisTitle("tasks")
			.build();
		addHistogram(endToEnd, "half load", (long[]) half.get("submit_to_completed_histogram_10ms"), 10);
		charts.add(endToEnd);
		String name = file.getFileName().toString().replaceFirst("\\.png$", "");
		BitmapEncoder.saveBitmap(charts, charts.size() / 2, 2, file.resolveSibling(name).toString(),
				BitmapEncoder.BitmapFormat.PNG);
	}

	@SuppressWarnings("unchecked")
	private static XYChart throughput(String title, Map<String, Object> timeline) {
		XYChart chart = new XYChartBuilder().width(640)
			.height(400)
			.title(title)
			.xAxisTitle("second")
			.yAxisTitle("tasks/s")
			.build();
		for (String series : new String[] { "submitted_per_second", "completed_per_second",
				"queued_at_end_of_second" }) {
			List<Long> values = (List<Long>) timeline.getOrDefault(series, List.of());
			if (values.isEmpty()) {
				continue;
			}
			double[] x = new double[values.size()];
			double[] y = new double[values.size()];
			for (int i = 0; i < x.length; i++) {
				x[i] = i;
				y[i] = values.get(i);
			}
			chart.addSeries(series.replace("_per_second", "").replace("_at_end_of_second", ""), x, y)
				.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
		}
		return chart;
	}

	/**
	 * Up to the bucket holding 99.9 % of the samples, so that one outlier does not
	 * flatten it.
	 */
	private static void addHistogram(XYChart chart, String name, long[] histogram, int bucketWidth) {
		long total = 0;
		for (long count : histogram) {
			total += count;
		}
		if (total == 0) {
			return;
		}
		int end = 0;
		long seen = 0;
		while (end < histogram.length && seen < total * 0.999) {
			seen += histogram[end++];
		}
		double[] x = new double[end];
		double[] y = new double[end];
		for (int i = 0; i < end; i++) {
			x[i] = (double) i * bucketWidth;
			y[i] = histogram[i];
		}
		chart.addSeries(name, x, y)
			.setXYSeriesRenderStyle(XYSeriesRenderStyle.Step)
			.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
	}

}
