package org.admoderation.flow;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees of a task: its client's trace id on the worker's log lines about
 * it, and the pipeline's metrics on both services' Prometheus endpoints.
 */
@TestInstance(Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityFlowTests {

	private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);

	/** What Prometheus would hold: the metrics, nothing else. */
	private static final String METRICS_KEY = "observability-metrics-key";

	/** The services' series a dashboard query names (not Prometheus' own, such as up). */
	private static final Pattern SERVICE_SERIES = Pattern.compile("\\b(moderation|kafka|http|jvm|hikaricp)_[a-z_]+");

	private static final Pattern GROUPING = Pattern.compile("\\bby \\(([^)]*)\\)");

	private static final Pattern LABEL_MATCHER = Pattern.compile("([a-z_]+)(?:=~|!~|!=|=)\"");

	/** An ad category the bundled model was not trained on: the task fails. */
	private static final int UNKNOWN_CATEGORY = 999;

	private final ModerationSystem system = new ModerationSystem();

	private FlowFixtures fixtures;

	private int apiPort;

	private int apiManagementPort;

	private int workerPort;

	@BeforeAll
	void start() {
		ConfigurableApplicationContext api = this.system.startApi("moderation.admin.metrics-key=" + METRICS_KEY,
				"moderation.backlog.lag-interval=500ms");
		this.apiPort = ModerationSystem.port(api);
		this.apiManagementPort = ModerationSystem.managementPort(api);
		// Debug: the worker logs a line for every task it completes.
		ConfigurableApplicationContext worker = this.system.startWorker("moderation.admin.metrics-key=" + METRICS_KEY,
				"logging.level.org.admoderation.worker.moderation=DEBUG");
		this.workerPort = ModerationSystem.managementPort(worker);
		this.fixtures = new FlowFixtures();
	}

	@AfterAll
	void stop() {
		this.system.close();
		this.fixtures.close();
	}

	@Test
	void theClientsTraceIdIsOnTheWorkersLogLinesAboutItsTask(CapturedOutput output) {
		String completedTrace = randomHex(16);
		String failedTrace = randomHex(16);
		long completed = this.fixtures.submit(this.apiPort, this.fixtures.createAdvertisement(), "traceparent",
				traceParent(completedTrace));
		long failed = this.fixtures.submit(this.apiPort, unscorableAdvertisement(), "traceparent",
				traceParent(failedTrace));
		assertThat(this.fixtures.taskColumn(completed, "trace_parent")).as("the trace context stored with the task")
			.contains(completedTrace);

		await().atMost(FLOW_TIMEOUT)
			.until(() -> this.fixtures.status(this.apiPort, completed).equals("completed")
					&& this.fixtures.status(this.apiPort, failed).equals("failed"));

		// The dead letter carries the trace too, for whoever reads moderation_dlq.
		await().atMost(FLOW_TIMEOUT)
			.untilAsserted(() -> assertThat(this.fixtures.deadLetters())
				.filteredOn((record) -> record.value().contains("\"task_id\":" + failed + ","))
				.singleElement()
				.satisfies((record) -> assertThat(
						new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
					.contains(failedTrace)));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(linesAbout(output, "Task " + completed + " completed")).singleElement()
				.asString()
				.contains(completedTrace);
			assertThat(linesAbout(output, "Task " + failed + " failed")).singleElement()
				.asString()
				.contains(failedTrace);
		});
	}

	@Test
	void aTaskKeepsItsTraceWhenTheClientSendsNoneOrAnUnsampledOne(CapturedOutput output) {
		String unsampledTrace = randomHex(16);
		long untraced = this.fixtures.submit(this.apiPort, unscorableAdvertisement());
		long unsampled = this.fixtures.submit(this.apiPort, unscorableAdvertisement(), "traceparent",
				"00-" + unsampledTrace + "-" + randomHex(8) + "-00");
		String untracedTrace = this.fixtures.taskColumn(untraced, "trace_parent").split("-")[1];
		assertThat(this.fixtures.taskColumn(unsampled, "trace_parent")).contains(unsampledTrace);

		await().atMost(FLOW_TIMEOUT)
			.until(() -> this.fixtures.status(this.apiPort, untraced).equals("failed")
					&& this.fixtures.status(this.apiPort, unsampled).equals("failed"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(linesAbout(output, "Task " + untraced + " failed")).singleElement()
				.asString()
				.contains(untracedTrace);
			assertThat(linesAbout(output, "Task " + unsampled + " failed")).singleElement()
				.asString()
				.contains(unsampledTrace);
		});
	}

	@Test
	void theDashboardQueriesSeriesAndLabelsTheServicesPublish() throws IOException {
		// A webhook receiver, so that the webhooks' series exist.
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/hook", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		try {
			// Registered in the database: this class needs the API without an admin key.
			this.fixtures.jdbc
				.sql("insert into webhook_endpoints (name, url, secret) values ('dashboard', :url, :secret) "
						+ "on conflict (name) where deleted_at is null do nothing")
				.param("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
				.param("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
				.update();
			long completed = this.fixtures.submit(this.apiPort, this.fixtures.createAdvertisement());
			await().atMost(FLOW_TIMEOUT).until(() -> this.fixtures.status(this.apiPort, completed).equals("completed"));
			// The backlog is counted every 10 s.
			await().atMost(FLOW_TIMEOUT)
				.until(() -> scrape(this.apiManagementPort),
						(metrics) -> metrics.contains("moderation_webhooks_backlog{")
								&& metrics.contains("moderation_webhooks_deliveries_total{"));
		}
		finally {
			receiver.stop(0);
		}
		String published = scrape(this.apiManagementPort) + scrape(this.workerPort);
		JsonNode dashboard = new JsonMapper()
			.readTree(FlowFixtures.repositoryFile("deploy/observability/grafana/dashboards/moderation.json"));
		Set<String> queried = new TreeSet<>();
		Set<String> labels = new TreeSet<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				String expression = target.get("expr").stringValue();
				Matcher metric = SERVICE_SERIES.matcher(expression);
				while (metric.find()) {
					queried.add(metric.group());
				}
				Matcher grouping = GROUPING.matcher(expression);
				while (grouping.find()) {
					Arrays.stream(grouping.group(1).split(",")).map(String::trim).forEach(labels::add);
				}
				Matcher matcher = LABEL_MATCHER.matcher(expression);
				while (matcher.find()) {
					labels.add(matcher.group(1));
				}
			}
		}
		labels.removeAll(Set.of("le", "job", "instance"));

		assertThat(queried).hasSizeGreaterThan(10)
			.allSatisfy((series) -> assertThat(published).as(series).containsPattern("(?m)^" + series + "[{ ]"));
		assertThat(labels).isNotEmpty().allSatisfy((label) -> assertThat(published).contains(label + "=\""));
	}

	@Test
	void theWorkersMetricsCoverOutcomesScoringLatencyScoresAndLag() {
		long completed = this.fixtures.submit(this.apiPort, this.fixtures.createAdvertisement());
		long failed = this.fixtures.submit(this.apiPort, unscorableAdvertisement());
		await().atMost(FLOW_TIMEOUT)
			.until(() -> this.fixtures.status(this.apiPort, completed).equals("completed")
					&& this.fixtures.status(this.apiPort, failed).equals("failed"));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String metrics = scrape(this.workerPort);
			assertThat(metrics).contains("application=\"moderation-worker\"")
				.containsPattern(
						"moderation_tasks_completed_total\\{[^}]*verdict=\"(approve|review|reject)\"[^}]*\\} [1-9]")
				.containsPattern("moderation_tasks_failed_total\\{[^}]*reason=\"unsupported_input\"[^}]*\\} [1-9]")
				.containsPattern("moderation_task_latency_seconds_bucket\\{[^}]*outcome=\"completed\"")
				.containsPattern("moderation_task_latency_seconds_count\\{[^}]*outcome=\"failed\"[^}]*\\} [1-9]")
				.containsPattern("moderation_scoring_batch_seconds_count\\{[^}]*\\} [1-9]")
				.containsPattern("moderation_scoring_ad_seconds_bucket\\{")
				.containsPattern("moderation_scoring_batch_size_bucket\\{")
				.containsPattern(
						"moderation_score_probability_bucket\\{[^}]*model=\"moderation-policies:3\"[^}]*le=\"0\\.5\"")
				.containsPattern("moderation_dead_letters_published_total\\{[^}]*\\} [1-9]");
		});
		// The metrics key opens the metrics and nothing else: without an admin key the
		// rest does not exist, even the actuator's index.
		assertThat(this.fixtures.get(this.apiManagementPort, "/actuator", "Authorization", "Bearer " + METRICS_KEY)
			.statusCode()).isEqualTo(404);
		assertThat(
				this.fixtures.postJson(this.apiPort, "/admin/redrive", "{\"task_ids\": [1]}", METRICS_KEY).statusCode())
			.isEqualTo(404);
		String apiMetrics = scrape(this.apiManagementPort);
		assertThat(apiMetrics).containsPattern("moderation_tasks_submitted_total\\{[^}]*\\} [1-9]")
			.containsPattern("moderation_tasks_published_total\\{[^}]*\\} [1-9]");
		// The worker committed what it consumed: no partition lags behind.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(scrape(this.apiManagementPort).lines()
				.filter((line) -> line.startsWith("moderation_consumer_lag{"))
				.map((line) -> line.substring(line.lastIndexOf(' ') + 1))).hasSize(6).allMatch("0.0"::equals));
	}

	private long unscorableAdvertisement() {
		return this.fixtures.createAdvertisement(true, "Старинный сундук", "Кованый сундук, XIX век.", UNKNOWN_CATEGORY,
				12000, 2);
	}

	private String scrape(int port) {
		HttpResponse<String> response = this.fixtures.get(port, "/actuator/prometheus", "Authorization",
				"Bearer " + METRICS_KEY);
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static List<String> linesAbout(CapturedOutput output, String text) {
		return output.getOut().lines().filter((line) -> line.contains(text)).toList();
	}

	private static String traceParent(String traceId) {
		return "00-" + traceId + "-" + randomHex(8) + "-01";
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
