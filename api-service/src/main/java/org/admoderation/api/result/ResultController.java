package org.admoderation.api.result;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.admoderation.api.web.ApiExamples;
import org.admoderation.api.web.InvalidIdentifier;
import org.admoderation.common.task.ModerationTask;
import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskStatus;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code GET /moderation_result/{task_id}}: the state of one moderation task.
 */
@RestController
class ResultController {

	static final String TASK_ID = "task_id";

	static final String WAIT = "wait";

	private final TaskRepository tasks;

	private final TaskEndings endings;

	ResultController(TaskRepository tasks, TaskEndings endings) {
		this.tasks = tasks;
		this.endings = endings;
	}

	@GetMapping("/moderation_result/{task_id}")
	@Operation(summary = "Read a moderation task",
			description = "pending until a worker scored the ad; then completed (decision approve / review / "
					+ "reject with its reasons, is_violation, probability) or failed (error_message). With wait, "
					+ "the answer comes as soon as the task has ended, or with its pending state once the wait is "
					+ "over (at most 60 s): no polling loop.",
			parameters = @Parameter(in = ParameterIn.QUERY, name = WAIT, required = false,
					description = "How long to wait for the task to end: seconds (30 or 30s) or milliseconds "
							+ "(1500ms), at most 60 s (a longer wait is cut to 60 s)",
					example = "30s", schema = @Schema(type = "string", pattern = LongPollWait.PATTERN)))
	@ApiResponse(responseCode = "200", description = "The task",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ModerationResultResponse.class),
					examples = { @ExampleObject(name = "pending", value = ApiExamples.PENDING),
							@ExampleObject(name = "completed, approved", value = ApiExamples.COMPLETED),
							@ExampleObject(name = "completed, rejected with reasons", value = ApiExamples.REJECTED),
							@ExampleObject(name = "completed, sent to review", value = ApiExamples.REVIEW),
							@ExampleObject(name = "failed", value = ApiExamples.FAILED) }))
	@ApiResponse(responseCode = "400", description = "task_id is not a positive 64-bit integer, or wait is not a wait",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "API keys are configured and X-API-Key is missing or wrong",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(name = "no API key", value = ApiExamples.API_KEY_REQUIRED)))
	@ApiResponse(responseCode = "403", description = "The key is valid but not a client's (the metrics key)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such task",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(name = "unknown task", value = ApiExamples.TASK_NOT_FOUND)))
	@ApiResponse(responseCode = "503", description = "Database unreachable, see Retry-After",
			headers = @Header(name = "Retry-After", description = "seconds"),
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(name = "database unavailable", value = ApiExamples.UNAVAILABLE)))
	ModerationResultResponse result(@Parameter(description = "The task_id the submission answered", example = "7",
			schema = @Schema(type = "integer", format = "int64", minimum = "1")) @PathVariable(TASK_ID) long taskId) {
		InvalidIdentifier.requirePositive(TASK_ID, taskId);
		return this.tasks.findById(taskId)
			.map(ModerationResultResponse::from)
			.orElseThrow(() -> new TaskNotFound(taskId));
	}

	/**
	 * The same read, held until the task ends: documented with the plain read, whose
	 * {@code wait} parameter it is.
	 */
	@GetMapping(path = "/moderation_result/{task_id}", params = WAIT)
	@Hidden
	DeferredResult<ModerationResultResponse> resultOnceEnded(@PathVariable(TASK_ID) long taskId,
			@RequestParam(WAIT) String wait) {
		InvalidIdentifier.requirePositive(TASK_ID, taskId);
		Duration waitFor = LongPollWait.parse(wait);
		ModerationTask task = this.tasks.findById(taskId).orElseThrow(() -> new TaskNotFound(taskId));
		if (task.status() != TaskStatus.PENDING || waitFor.isZero()) {
			DeferredResult<ModerationResultResponse> now = new DeferredResult<>();
			now.setResult(ModerationResultResponse.from(task));
			return now;
		}
		return this.endings.await(task, waitFor);
	}

	@GetMapping({ "/moderation_result", "/moderation_result/" })
	@Hidden
	ModerationResultResponse resultWithoutTaskId() {
		throw InvalidIdentifier.missing(TASK_ID);
	}

}
