package org.admoderation.api.result;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.admoderation.api.web.ApiExamples;
import org.admoderation.api.web.InvalidIdentifier;
import org.admoderation.common.task.TaskRepository;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /moderation_result/{task_id}}: the state of one moderation task.
 */
@RestController
class ResultController {

	static final String TASK_ID = "task_id";

	private final TaskRepository tasks;

	ResultController(TaskRepository tasks) {
		this.tasks = tasks;
	}

	@GetMapping("/moderation_result/{task_id}")
	@Operation(summary = "Read a moderation task",
			description = "pending until a worker scored the ad; then completed (decision approve / review / "
					+ "reject with its reasons, is_violation, probability) or failed (error_message)")
	@ApiResponse(responseCode = "200", description = "The task",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ModerationResultResponse.class),
					examples = { @ExampleObject(name = "pending", value = ApiExamples.PENDING),
							@ExampleObject(name = "completed, approved", value = ApiExamples.COMPLETED),
							@ExampleObject(name = "completed, rejected with reasons", value = ApiExamples.REJECTED),
							@ExampleObject(name = "completed, sent to review", value = ApiExamples.REVIEW),
							@ExampleObject(name = "failed", value = ApiExamples.FAILED) }))
	@ApiResponse(responseCode = "400", description = "task_id is not a positive 64-bit integer",
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

	@GetMapping({ "/moderation_result", "/moderation_result/" })
	@Hidden
	ModerationResultResponse resultWithoutTaskId() {
		throw InvalidIdentifier.missing(TASK_ID);
	}

}
