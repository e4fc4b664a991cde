package org.admoderation.api.result;

import java.time.Instant;
import java.util.Optional;

import org.admoderation.api.ApiApplication;
import org.admoderation.api.security.ApiSecurity;
import org.admoderation.common.task.ModerationTask;
import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

@WebMvcTest(controllers = ResultController.class, properties = "spring.config.name=" + ApiApplication.CONFIG_NAME)
@Import(ApiSecurity.class)
class ResultControllerTests {

	private static final Instant CREATED = Instant.parse("2025-01-28T12:00:00Z");

	private static final Instant PROCESSED = Instant.parse("2025-01-28T12:00:05Z");

	private static final Instant REVIEWED = Instant.parse("2025-01-28T12:10:00Z");

	@Autowired
	private MockMvcTester mvc;

	/** The long-polls' listener: no PostgreSQL in this slice. */
	@MockitoBean
	private TaskEndings taskEndings;

	@MockitoBean
	private TaskRepository tasks;

	@Test
	void pendingResultHasTheSeedFieldsWithNullVerdict() {
		given(this.tasks.findById(1)).willReturn(Optional.of(new ModerationTask(1, 123, TaskStatus.PENDING, null, null,
				null, null, 0, CREATED, null, null, null, null, null, null)));

		MvcTestResult result = this.mvc.get().uri("/moderation_result/1").exchange();

		assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"task_id": 1, "status": "pending", "is_violation": null, "probability": null,
				 "item_id": 123, "created_at": "2025-01-28T12:00:00Z"}
				""");
	}

	@Test
	void completedResultHasDecisionReasonsAndModelVersion() {
		given(this.tasks.findById(4)).willReturn(Optional.of(new ModerationTask(4, 124, TaskStatus.COMPLETED, true,
				0.98, null, "moderation-policies:3", 1, CREATED, PROCESSED, "reject", """
						[{"code": "prohibited_goods", "subtype": "drugs", "score": 0.99, "evidence": []},
						 {"code": "contacts_in_text", "score": 0.97, "evidence": [{"field": "description",
						  "start": 41, "end": 57, "text": "+7 926 111 22 33"}]}]""", "reject", null, null)));

		MvcTestResult result = this.mvc.get().uri("/moderation_result/4").exchange();

		assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"task_id": 4, "status": "completed", "is_violation": true, "probability": 0.98,
				 "item_id": 124, "model_version": "moderation-policies:3",
				 "created_at": "2025-01-28T12:00:00Z", "processed_at": "2025-01-28T12:00:05Z",
				 "decision": "reject",
				 "reasons": [{"code": "prohibited_goods", "subtype": "drugs", "score": 0.99, "evidence": []},
				             {"code": "contacts_in_text", "score": 0.97, "evidence": [{"field": "description",
				              "start": 41, "end": 57, "text": "+7 926 111 22 33"}]}],
				 "model_decision": "reject", "decided_by": "model"}
				""");
	}

	@Test
	void aReviewedResultFollowsTheReviewerAndKeepsTheModelsDecisionBeside() {
		given(this.tasks.findById(6))
			.willReturn(Optional.of(new ModerationTask(6, 126, TaskStatus.COMPLETED, false, 0.71, null,
					"moderation-policies:3", 1, CREATED, PROCESSED, "approve", "[]", "review", "alice", REVIEWED)));

		MvcTestResult result = this.mvc.get().uri("/moderation_result/6").exchange();

		assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"task_id": 6, "status": "completed", "is_violation": false, "probability": 0.71,
				 "item_id": 126, "model_version": "moderation-policies:3",
				 "created_at": "2025-01-28T12:00:00Z", "processed_at": "2025-01-28T12:00:05Z",
				 "decision": "approve", "reasons": [], "model_decision": "review", "decided_by": "alice",
				 "reviewed_at": "2025-01-28T12:10:00Z"}
				""");
	}

	@Test
	void taskScoredBeforePoliciesKeepsTheSeedShape() {
		given(this.tasks.findById(2)).willReturn(Optional.of(new ModerationTask(2, 123, TaskStatus.COMPLETED, false,
				0.15, null, "moderation-baseline:1", 1, CREATED, PROCESSED, null, null, null, null, null)));

		MvcTestResult result = this.mvc.get().uri("/moderation_result/2").exchange();

		assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"task_id": 2, "status": "completed", "is_violation": false, "probability": 0.15,
				 "item_id": 123, "model_version": "moderation-baseline:1",
				 "created_at": "2025-01-28T12:00:00Z", "processed_at": "2025-01-28T12:00:05Z"}
				""");
	}

	@Test
	void failedResultCarriesTheErrorMessage() {
		given(this.tasks.findById(3))
			.willReturn(Optional.of(new ModerationTask(3, 123, TaskStatus.FAILED, null, null, "Advertisement not found",
					"moderation-baseline:1", 1, CREATED, PROCESSED, null, null, null, null, null)));

		MvcTestResult result = this.mvc.get().uri("/moderation_result/3").exchange();

		assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"task_id": 3, "status": "failed", "is_violation": null, "probability": null,
				 "error_message": "Advertisement not found", "item_id": 123,
				 "model_version": "moderation-baseline:1",
				 "created_at": "2025-01-28T12:00:00Z", "processed_at": "2025-01-28T12:00:05Z"}
				""");
	}

	@Test
	void unknownTaskIsNotFound() {
		given(this.tasks.findById(99)).willReturn(Optional.empty());

		MvcTestResult result = this.mvc.get().uri("/moderation_result/99").exchange();

		assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("Moderation task 99 not found");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/moderation_result/abc", "/moderation_result/0", "/moderation_result/-1",
			"/moderation_result/9223372036854775808", "/moderation_result/", "/moderation_result" })
	void invalidOrMissingTaskIdIsAProblem(String path) {
		MvcTestResult result = this.mvc.get().uri(path).exchange();

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid task_id");
		then(this.tasks).should(never()).findById(anyLong());
	}

}
