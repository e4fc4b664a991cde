package org.admoderation.api.review;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.admoderation.api.result.ModerationResultResponse;
import org.admoderation.api.web.DateTimeDeserializer;
import org.admoderation.api.web.InvalidIdentifier;
import org.admoderation.common.security.KeyHolder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The review endpoints. The API's security chain has let only reviewers and operators in,
 * before any body was read; the caller's name is the credential's.
 */
@RestController
@ApiResponse(responseCode = "401", description = "No valid key: a reviewer's or the operator's",
		content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "403", description = "The key is valid but neither a reviewer's nor the operator's",
		content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "503", description = "Database unreachable, see Retry-After",
		content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				schema = @Schema(implementation = ProblemDetail.class)))
class ReviewController {

	static final String NDJSON = "application/x-ndjson";

	private static final Logger logger = LoggerFactory.getLogger(ReviewController.class);

	private static final String TASK_ID = "task_id";

	private final ReviewService reviews;

	private final JsonMapper json;

	ReviewController(ReviewService reviews, JsonMapper json) {
		this.reviews = reviews;
		this.json = json;
	}

	@PostMapping("/review/claim")
	@Operation(summary = "Claim the next item of the review queue",
			description = "The model's review decisions first, oldest first, then quality samples; never an item "
					+ "this reviewer skipped. The item is leased to the caller (moderation.review.lease); claiming "
					+ "again during the lease returns the same item. Closed (404) unless a reviewer's or the "
					+ "operator's key is set.")
	@ApiResponse(responseCode = "200", description = "The item, leased to the caller",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ReviewItem.class)))
	@ApiResponse(responseCode = "204", description = "Nothing waits for this reviewer", content = @Content)
	@ApiResponse(responseCode = "404", description = "No reviewer's or operator's key is configured",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<ReviewItem> claim(@Parameter(hidden = true) @AuthenticationPrincipal KeyHolder reviewer) {
		return this.reviews.claim(reviewer).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
	}

	@PostMapping("/review/{task_id}/skip")
	@Operation(summary = "Give a claimed item back without a verdict",
			description = "The lease ends and the item is not offered to this reviewer again.")
	@ApiResponse(responseCode = "204", description = "Skipped", content = @Content)
	@ApiResponse(responseCode = "400", description = "task_id is not a positive 64-bit integer",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "The task is not in the review queue",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<Void> skip(
			@Parameter(description = "The item's task_id",
					schema = @Schema(type = "integer", format = "int64",
							minimum = "1")) @PathVariable(TASK_ID) long taskId,
			@Parameter(hidden = true) @AuthenticationPrincipal KeyHolder reviewer) {
		InvalidIdentifier.requirePositive(TASK_ID, taskId);
		this.reviews.skip(taskId, reviewer);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/moderation_result/{task_id}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Give a person's final verdict on a moderation result",
			description = "The verdict becomes the result's decision (is_violation follows it), with decided_by "
					+ "(the caller's name) and reviewed_at; the model's decision stays in model_decision, and "
					+ "the verdict joins the task's audit trail. The same verdict again changes nothing; another "
					+ "verdict on a task a person already reviewed is a conflict, unless the operator gives it.")
	@ApiResponse(responseCode = "200", description = "The result, as GET /moderation_result now shows it",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ModerationResultResponse.class)))
	@ApiResponse(responseCode = "400",
			description = "task_id not positive, verdict not approve or reject, a reason_code that is not a "
					+ "policy or missing to reject, a note too long, or a malformed body",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such task, or no reviewer's or operator's key is configured",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409",
			description = "The task is not completed, or a person already gave another verdict (only the "
					+ "operator may override it)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = "The body is larger than moderation.http.max-body-size",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "The body is not application/json",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	ModerationResultResponse review(
			@Parameter(description = "The task to review",
					schema = @Schema(type = "integer", format = "int64",
							minimum = "1")) @PathVariable(TASK_ID) long taskId,
			@RequestBody ReviewRequest request, @Parameter(hidden = true) @AuthenticationPrincipal KeyHolder caller) {
		InvalidIdentifier.requirePositive(TASK_ID, taskId);
		return this.reviews.review(taskId, request, caller);
	}

	@GetMapping("/review/stats")
	@Operation(summary = "The review queue and how people's verdicts compare with the model's")
	@ApiResponse(responseCode = "200",
			description = "Queue depth and age, decisions per reviewer, agreement per policy",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ReviewStats.class)))
	@ApiResponse(responseCode = "404", description = "No reviewer's or operator's key is configured",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	ReviewStats stats() {
		return this.reviews.stats();
	}

	@GetMapping(path = "/review/labels", produces = NDJSON)
	@Operation(summary = "Stream the reviewed ads with their verdicts, as JSON lines",
			description = "One line per reviewed task, reviewed at or after since, in the order they were reviewed, "
					+ "with its latest verdict: what model/train.sh --labels reads. Next time, pass the last "
					+ "reviewed_at minus a minute as since: a verdict committed while an export ran is then not "
					+ "missed, and a task seen again carries its latest verdict (train.sh keeps that one).")
	@ApiResponse(responseCode = "200", description = "JSON lines",
			content = @Content(mediaType = NDJSON, schema = @Schema(implementation = Label.class)))
	@ApiResponse(responseCode = "400", description = "since is not an RFC 3339 date-time",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No reviewer's or operator's key is configured",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	void labels(
			@Parameter(description = "Reviewed at or after (RFC 3339); all when absent",
					example = "2026-12-01T00:00:00Z",
					schema = @Schema(type = "string", format = "date-time",
							pattern = DateTimeDeserializer.PATTERN)) @RequestParam(name = "since",
									required = false) @Nullable String since,
			HttpServletResponse response) throws IOException {
		Instant from = (since != null) ? DateTimeDeserializer.parse(since).orElseThrow(() -> new InvalidSince(since))
				: Instant.EPOCH;
		// Written as the rows arrive, in the request's own thread: an export of any size
		// holds a fetch's worth of rows, and no asynchronous timeout cuts it short.
		response.setContentType(NDJSON);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		BufferedWriter writer = new BufferedWriter(
				new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
		try {
			this.reviews.labelsSince(from, (label) -> {
				try {
					writer.write(this.json.writeValueAsString(label));
					writer.write('\n');
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			writer.flush();
		}
		catch (UncheckedIOException ex) {
			// The client went away mid-export: nothing to answer, and nothing went wrong
			// here.
			logger.debug("Labels export not finished: {}", ex.getCause().toString());
		}
	}

}
