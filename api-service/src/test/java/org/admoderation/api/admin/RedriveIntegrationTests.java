package org.admoderation.api.admin;

import java.time.Duration;

import org.admoderation.api.ApiApplication;
import org.admoderation.testsupport.UseRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redrive on a real PostgreSQL and broker: a failed task goes back to pending and is
 * published again, its dead letter is marked, and a second call redrives nothing.
 */
@SpringBootTest(properties = { "spring.config.name=" + ApiApplication.CONFIG_NAME,
		"moderation.admin.api-key=integration-key", "moderation.outbox.poll-interval=200ms" })
@AutoConfigureMockMvc
@UseRealInfrastructure
class RedriveIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void failedTaskIsSentBackOnceAndPublishedAgain() {
		long taskId = failedTaskWithDeadLetter();

		MvcTestResult first = redrive("{\"task_ids\": [" + taskId + "]}");
		MvcTestResult second = redrive("{\"task_ids\": [" + taskId + "]}");

		assertThat(first).hasStatusOk().bodyJson().extractingPath("$.redriven").isEqualTo(1);
		assertThat(second).hasStatusOk().bodyJson().extractingPath("$.redriven").isEqualTo(0);
		assertThat(column(taskId, "status")).isEqualTo("pending");
		assertThat(column(taskId, "error_message")).isNull();
		assertThat(column(taskId, "attempts")).isEqualTo("0");
		assertThat(this.jdbc.sql("select count(*) from dead_letters where task_id = :id and redriven_at is not null")
			.param("id", taskId)
			.query(Long.class)
			.single()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> column(taskId, "publishes").equals("1"));
	}

	@Test
	void aTimeRangeRedrivesOnlyFailedTasksInIt() {
		long failed = failedTaskWithDeadLetter();

		MvcTestResult result = redrive(
				"{\"failed_from\": \"2000-01-01T00:00:00Z\", \"failed_to\": \"2100-01-01T00:00:00Z\"}");

		assertThat(result).hasStatusOk();
		assertThat(column(failed, "status")).isEqualTo("pending");
	}

	@Test
	void aRequestWithNeitherIdsNorRangeIsAProblem() {
		assertThat(redrive("{}")).hasStatus(400);
	}

	@Test
	void aNullIdIsAProblemNotAServerError() {
		assertThat(redrive("{\"task_ids\": [null]}")).hasStatus(400);
	}

	private MvcTestResult redrive(String body) {
		return this.mvc.post()
			.uri("/admin/redrive")
			.header("X-Admin-Key", "integration-key")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private long failedTaskWithDeadLetter() {
		long taskId = this.jdbc.sql("""
				insert into moderation_results (item_id, status, error_message, processed_at, attempts, publish_due_at)
				values (424242, 'failed', 'Advertisement not found', now(), 1, null) returning id
				""").query(Long.class).single();
		this.jdbc.sql("insert into dead_letters (task_id, record_key, payload) values (:id, :key, '{}')")
			.param("id", taskId)
			.param("key", Long.toString(taskId))
			.update();
		return taskId;
	}

	private String column(long taskId, String column) {
		return this.jdbc.sql("select " + column + "::text from moderation_results where id = :id")
			.param("id", taskId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
