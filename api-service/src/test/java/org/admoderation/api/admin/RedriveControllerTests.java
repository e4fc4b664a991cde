package org.admoderation.api.admin;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.admoderation.api.ApiApplication;
import org.admoderation.common.metrics.ModerationMeters;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;

class RedriveControllerTests {

	private static final String BODY = "{\"task_ids\": [5, 6]}";

	@Nested
	@WebMvcTest(controllers = RedriveController.class,
			properties = { "spring.config.name=" + ApiApplication.CONFIG_NAME, "moderation.admin.api-key=" })
	@Import(RedriveControllerSliceConfiguration.class)
	class ClosedByDefault {

		@Autowired
		private MockMvcTester mvc;

		@MockitoBean
		private Redrive redrive;

		@Test
		void withoutAConfiguredKeyTheEndpointDoesNotExist() {
			MvcTestResult result = this.mvc.post()
				.uri("/admin/redrive")
				.header("X-Admin-Key", "")
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY)
				.exchange();

			assertThat(result).hasStatus(404);
			verifyNoInteractions(this.redrive);
		}

		@Test
		void anAnonymousBodyIsNeverParsed() {
			// Parsed before the key was checked, a malformed body answered 400, and 120
			// MB of JSON filled the heap.
			MvcTestResult result = this.mvc.post()
				.uri("/admin/redrive")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"task_ids\": [1, 2,")
				.exchange();

			assertThat(result).hasStatus(404);
		}

	}

	@Nested
	@WebMvcTest(controllers = RedriveController.class,
			properties = { "spring.config.name=" + ApiApplication.CONFIG_NAME, "moderation.admin.api-key=s3cret-key" })
	@Import(RedriveControllerSliceConfiguration.class)
	class WithAKey {

		@Autowired
		private MockMvcTester mvc;

		@MockitoBean
		private Redrive redrive;

		@Autowired
		private SimpleMeterRegistry meters;

		@Test
		void missingOrWrongKeyIsUnauthorizedAndRedrivesNothing() {
			MvcTestResult missing = this.mvc.post()
				.uri("/admin/redrive")
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY)
				.exchange();
			MvcTestResult wrong = this.mvc.post()
				.uri("/admin/redrive")
				.header("X-Admin-Key", "s3cret-kez")
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY)
				.exchange();

			assertThat(missing).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(wrong).hasStatus(401);
			assertThat(wrong.getResponse().getContentAsByteArray()).asString().doesNotContain("s3cret");
			verifyNoInteractions(this.redrive);
		}

		@Test
		void theKeyIsCheckedBeforeTheBodyIsRead() {
			MvcTestResult result = this.mvc.post()
				.uri("/admin/redrive")
				.header("X-Admin-Key", "s3cret-kez")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"task_ids\": [1, 2,")
				.exchange();

			assertThat(result).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}

		@Test
		void aBodyOverTheLimitIsRefusedEvenWithTheKey() {
			MvcTestResult result = this.mvc.post()
				.uri("/admin/redrive")
				.header("X-Admin-Key", "s3cret-key")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"task_ids\": [" + "1, ".repeat(30_000) + "1]}")
				.exchange();

			assertThat(result).hasStatus(413).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
			verifyNoInteractions(this.redrive);
		}

		@Test
		void anIdWrittenWithADecimalPointIsTheSameWholeNumber() {
			// None redriven: the other test reads the shared counter.
			given(this.redrive.redrive(any())).willReturn(List.of());

			MvcTestResult whole = redrive("{\"task_ids\": [5.0, 6], \"limit\": 10.0}");
			MvcTestResult fractional = redrive("{\"task_ids\": [5.5]}");

			assertThat(whole).hasStatusOk();
			then(this.redrive).should().redrive(new RedriveRequest(List.of(5L, 6L), null, null, 10L));
			assertThat(fractional).hasStatus(400);
			assertThat(fractional.getResponse().getContentAsByteArray()).asString()
				.contains("task_ids")
				.doesNotContain("item_id");
		}

		@Test
		void aTimeIsAnRfc3339DateTimeAndNothingElse() {
			given(this.redrive.redrive(any())).willReturn(List.of());

			MvcTestResult offset = redrive(
					"{\"failed_from\": \"2026-01-01T22:00:00+22:00\", \"failed_to\": \"2026-06-30t23:59:59.1234567891z\"}");

			assertThat(offset).hasStatusOk();
			then(this.redrive).should()
				.redrive(new RedriveRequest(null, Instant.parse("2026-01-01T00:00:00Z"),
						Instant.parse("2026-06-30T23:59:59.123456789Z"), null));
			for (String notADateTime : new String[] { "0", "\"2026-01-01T00:00:00\"", "\"2026-13-01T00:00:00Z\"",
					"\"2026-02-30T00:00:00Z\"", "\"2026-06-30T22:05:60Z\"", "\"\"", "\"2026-01-01\"" }) {
				assertThat(redrive("{\"failed_from\": " + notADateTime + ", \"failed_to\": \"2026-01-02T00:00:00Z\"}"))
					.as(notADateTime)
					.hasStatus(400);
			}
		}

		private MvcTestResult redrive(String body) {
			return this.mvc.post()
				.uri("/admin/redrive")
				.header("X-Admin-Key", "s3cret-key")
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)
				.exchange();
		}

		@Test
		void rightKeyRedrivesAndSaysWhich() {
			given(this.redrive.redrive(any())).willReturn(List.of(5L));

			MvcTestResult result = this.mvc.post()
				.uri("/admin/redrive")
				.header("X-Admin-Key", "s3cret-key")
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY)
				.exchange();

			assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("{\"redriven\": 1, \"task_ids\": [5]}");
			assertThat(this.meters.get(ModerationMeters.TASKS_REDRIVEN).counter().count()).isEqualTo(1);
		}

	}

}
