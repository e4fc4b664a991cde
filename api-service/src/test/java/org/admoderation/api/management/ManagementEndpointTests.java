package org.admoderation.api.management;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.admoderation.api.ApiApplication;
import org.admoderation.api.submission.SubmissionTestData;
import org.admoderation.testsupport.UseRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The actuator on its own port: health open, the metrics behind the metrics key or the
 * admin key, the rest behind the admin key, nothing of it on the public port; and the
 * API's moderation metrics in Prometheus' format.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + ApiApplication.CONFIG_NAME,
				"moderation.admin.api-key=" + ManagementEndpointTests.ADMIN_KEY,
				"moderation.admin.metrics-key=" + ManagementEndpointTests.METRICS_KEY,
				"moderation.outbox.poll-interval=200ms", "moderation.backlog.lag-interval=500ms",
				// One more endpoint exposed, as an operator might: it is behind the key
				// too.
				"management.endpoints.web.exposure.include=health,prometheus,info" })
@UseRealInfrastructure
class ManagementEndpointTests {

	static final String ADMIN_KEY = "management-test-admin-key";

	static final String METRICS_KEY = "management-test-metrics-key";

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theActuatorHasAPortOfItsOwn() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void healthIsOpenOnTheManagementPortAndAbsentFromThePublicOne(String path) {
		assertThat(get(this.managementPort, path, null).statusCode()).isEqualTo(200);
		assertThat(get(this.port, path, null).statusCode()).isEqualTo(404);
	}

	@Test
	void prometheusRefusesAnonymousCallersAndWrongKeys() {
		HttpResponse<String> anonymous = get(this.managementPort, "/actuator/prometheus", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(anonymous.body()).contains("\"status\":401").doesNotContain("moderation_");

		assertThat(get(this.managementPort, "/actuator/prometheus", "Bearer " + ADMIN_KEY + "x").statusCode())
			.isEqualTo(401);
		assertThat(get(this.managementPort, "/actuator/prometheus", "Basic " + ADMIN_KEY).statusCode()).isEqualTo(401);
	}

	@Test
	void prometheusAnswersTheAdminKeyAsBearerTokenOrHeader() {
		assertThat(get(this.managementPort, "/actuator/prometheus", "Bearer " + ADMIN_KEY).statusCode()).isEqualTo(200);
		HttpResponse<String> withHeader = send(
				HttpRequest.newBuilder(managementUri("/actuator/prometheus")).header("X-Admin-Key", ADMIN_KEY).build());
		assertThat(withHeader.statusCode()).isEqualTo(200);
	}

	@Test
	void anEndpointAnOperatorExposesIsBehindTheAdminKey() {
		assertThat(get(this.managementPort, "/actuator/info", null).statusCode()).isEqualTo(401);
		HttpResponse<String> metrics = get(this.managementPort, "/actuator/info", "Bearer " + METRICS_KEY);
		assertThat(metrics.statusCode()).as("a valid key of a role too weak").isEqualTo(403);
		assertThat(metrics.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(get(this.managementPort, "/actuator/info", "Bearer " + ADMIN_KEY).statusCode()).isEqualTo(200);
		assertThat(get(this.managementPort, "/actuator", null).statusCode()).isEqualTo(401);
	}

	@Test
	void theMetricsKeyOpensTheMetricsAndNothingElse() {
		assertThat(get(this.managementPort, "/actuator/prometheus", "Bearer " + METRICS_KEY).statusCode())
			.isEqualTo(200);
		for (String path : new String[] { "/actuator", "/actuator/info" }) {
			assertThat(get(this.managementPort, path, "Bearer " + METRICS_KEY).statusCode()).as(path).isEqualTo(403);
		}
		HttpResponse<String> trailingSlash = get(this.managementPort, "/actuator/prometheus/", "Bearer " + METRICS_KEY);
		assertThat(trailingSlash.statusCode()).as("a path no endpoint serves").isEqualTo(404);
		assertThat(trailingSlash.body()).doesNotContain("moderation_").doesNotContain("jvm_");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/prometheus/", "/actuator;x/prometheus", "/actuator/prometheus;x",
			"/%61ctuator/prometheus", "/actuator/%70rometheus", "//actuator/prometheus", "/actuator//prometheus",
			"/actuator/health/../prometheus", "/actuator/health/..;/prometheus", "/actuator/health/%2e%2e/prometheus" })
	void spellingsOfTheMetricsPathDoNotGetPastTheKey(String path) {
		HttpResponse<String> response = get(this.managementPort, path, null);

		assertThat(response.statusCode()).as(path).isNotEqualTo(200);
		assertThat(response.body()).as(path).doesNotContain("moderation_", "jvm_");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/metrics",
			"/actuator/loggers" })
	void endpointsNotExposedStayClosedEvenWithTheKey(String path) {
		assertThat(get(this.managementPort, path, "Bearer " + ADMIN_KEY).statusCode()).isEqualTo(404);
	}

	@Test
	void aSubmissionIsCountedAndItsPublishToo() {
		double submittedBefore = value(scrape(), "moderation_tasks_submitted_total");
		double publishedBefore = value(scrape(), "moderation_tasks_published_total");

		HttpResponse<String> accepted = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/async_predict?item_id=" + advertisement()))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(accepted.statusCode()).isEqualTo(202);

		assertThat(value(scrape(), "moderation_tasks_submitted_total")).isEqualTo(submittedBefore + 1);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(value(scrape(), "moderation_tasks_published_total"))
				.isGreaterThanOrEqualTo(publishedBefore + 1));
	}

	@Test
	void theWorkersLagPerPartitionGrowsWhileNoWorkerConsumes() {
		HttpResponse<String> accepted = send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/async_predict?item_id=" + advertisement()))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(accepted.statusCode()).isEqualTo(202);

		// No worker runs in these tests: whatever the relay publishes stays unconsumed.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Matcher partitions = Pattern
				.compile(
						"(?m)^moderation_consumer_lag\\{[^}]*group=\"moderation-workers\"[^}]*partition=\"(\\d+)\"[^}]*"
								+ "topic=\"moderation\"[^}]*\\} (\\S+)$")
				.matcher(scrape());
			int partitionCount = 0;
			double lag = 0;
			while (partitions.find()) {
				partitionCount++;
				lag += Double.parseDouble(partitions.group(2));
			}
			assertThat(partitionCount).as("one series per partition of moderation").isEqualTo(6);
			assertThat(lag).isGreaterThanOrEqualTo(1);
		});
	}

	@Test
	void everyDocumentedApiMetricIsPublished() {
		String metrics = scrape();
		assertThat(metrics).contains("moderation_tasks_submitted_total", "moderation_tasks_published_total",
				"moderation_tasks_redriven_total", "moderation_tasks_failed_total{", "reason=\"attempts_exhausted\"",
				"moderation_dead_letters_published_total", "moderation_outbox_backlog", "moderation_tasks_pending",
				"moderation_dead_letters_backlog", "moderation_result_events_backlog",
				"moderation_result_events_published_total", "moderation_long_polls_waiting",
				"moderation_review_queue_depth", "moderation_review_decisions_total", "application=\"moderation-api\"",
				"http_server_requests_seconds_bucket");
		assertThat(value(metrics, "moderation_tasks_pending")).isNotNaN().isGreaterThanOrEqualTo(0);
		assertThat(value(metrics, "moderation_result_events_backlog")).isNotNaN().isGreaterThanOrEqualTo(0);
	}

	private long advertisement() {
		return new SubmissionTestData(this.jdbc).createAdvertisement();
	}

	private String scrape() {
		HttpResponse<String> response = get(this.managementPort, "/actuator/prometheus", "Bearer " + ADMIN_KEY);
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/** The value of a sample without labels other than the common ones. */
	static double value(String metrics, String name) {
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
		assertThat(matcher.find()).as("%s in%n%s", name, metrics).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	private URI managementUri(String path) {
		return URI.create("http://localhost:" + this.managementPort + path);
	}

	/**
	 * Probes see each dependency's status; why one is down (its host, the exception) is
	 * for the admin key.
	 */
	@Test
	void healthDetailsAreForTheAdminKeyAlone() {
		HttpResponse<String> anonymous = get(this.managementPort, "/actuator/health/readiness", null);
		HttpResponse<String> metrics = get(this.managementPort, "/actuator/health/readiness", "Bearer " + METRICS_KEY);
		HttpResponse<String> operator = get(this.managementPort, "/actuator/health/readiness", "Bearer " + ADMIN_KEY);

		assertThat(anonymous.body()).contains("\"db\"", "\"kafka\"").doesNotContain("details", "PostgreSQL");
		assertThat(metrics.body()).doesNotContain("details");
		assertThat(operator.body()).contains("\"details\"", "PostgreSQL");
	}

	private static HttpResponse<String> get(int port, String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
