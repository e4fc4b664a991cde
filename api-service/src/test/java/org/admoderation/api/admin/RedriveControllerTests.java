package org.admoderation.api.admin;

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
