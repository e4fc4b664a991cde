package org.admoderation.api.submission;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.admoderation.api.web.ApiExamples;
import org.admoderation.api.web.InvalidIdentifier;
import org.admoderation.common.security.KeyHolder;
import org.admoderation.common.security.Role;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /async_predict?item_id=123}, or with the body {@code {"item_id": 123}};
 * with an {@code Idempotency-Key} header, a retry gets the first request's task. A body
 * of another type is not read: the item is in the query (or a form field), as the seed
 * accepted it whatever urllib, an HTML form or {@code curl -d} sent along.
 */
@RestController
class SubmissionController {

	static final String ITEM_ID = "item_id";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Set on the answer to a retry that got the task of an earlier request. */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	/**
	 * application/vnd.api+json and the like, which Jackson reads as JSON too. Its
	 * negation alone routes the other bodies: it also matches application/json, for which
	 * the JSON handler, naming that type, is the more specific match.
	 */
	private static final String JSON_SUFFIXED = "application/*+json";

	private final SubmissionService submissions;

	private final IdempotentSubmissions idempotentSubmissions;

	SubmissionController(SubmissionService submissions, IdempotentSubmissions idempotentSubmissions) {
		this.submissions = submissions;
		this.idempotentSubmissions = idempotentSubmissions;
	}

	@PostMapping(path = "/async_predict", consumes = { MediaType.APPLICATION_JSON_VALUE, JSON_SUFFIXED })
	@Operation(summary = "Submit an advertisement for moderation",
			description = "Commits a pending task and answers 202 at once; the result is read from "
					+ "GET /moderation_result/{task_id}. The id goes in the query (the seed's form); a JSON body "
					+ "{\"item_id\": 123} with Content-Type application/json is accepted instead, and a body of any "
					+ "other type is ignored.")
	@ApiResponse(responseCode = "202", description = "Accepted: a pending task was committed",
			headers = @Header(name = "Location", description = "/moderation_result/{task_id}"),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = SubmissionAccepted.class),
					examples = @ExampleObject(name = "accepted", value = ApiExamples.ACCEPTED)))
	@ApiResponse(responseCode = "400", description = "item_id missing, not a positive 64-bit integer, or a bad key",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(name = "invalid item_id", value = ApiExamples.INVALID_ITEM_ID)))
	@ApiResponse(responseCode = "401", description = "API keys are configured and X-API-Key is missing or wrong",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(name = "no API key", value = ApiExamples.API_KEY_REQUIRED)))
	@ApiResponse(responseCode = "403", description = "The key is valid but not a client's (the metrics key)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such advertisement; nothing written",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(name = "unknown advertisement",
							value = ApiExamples.ADVERTISEMENT_NOT_FOUND)))
	@ApiResponse(responseCode = "413", description = "The body is larger than moderation.http.max-body-size",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for another item",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(name = "key reused", value = ApiExamples.KEY_REUSED)))
	@ApiResponse(responseCode = "503",
			description = "Database unreachable or too many requests waiting; nothing written, see Retry-After",
			headers = @Header(name = "Retry-After", description = "seconds"),
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(name = "database unavailable", value = ApiExamples.UNAVAILABLE)))
	ResponseEntity<SubmissionAccepted> submit(
			// Documented as required: a document cannot say "in the query or in the
			// body".
			@Parameter(description = "The advertisement to moderate", example = "123", required = true,
					schema = @Schema(type = "integer", format = "int64", minimum = "1")) @RequestParam(name = ITEM_ID,
							required = false) @Nullable Long queryItemId,
			@Parameter(hidden = true) @RequestBody(required = false) @Nullable SubmitModerationRequest body,
			@Parameter(
					description = "1-255 visible ASCII characters, e.g. a UUID: a retry with the same key and "
							+ "item within the window gets the same task, with Idempotent-Replayed: true",
					schema = @Schema(type = "string", pattern = "^[!-~]{1,255}$")) @RequestHeader(
							name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
			@Parameter(hidden = true) @AuthenticationPrincipal @Nullable KeyHolder client) {
		return submit(resolveItemId(queryItemId, body), idempotencyKey, client);
	}

	/**
	 * The same submission for any other body (or none): a form, plain text, bytes. The
	 * document describes the JSON form only, of which this is the lenient reading; a
	 * request without a body comes here too, being more specific than a body that may be
	 * absent.
	 */
	@PostMapping(path = "/async_predict", consumes = "!" + JSON_SUFFIXED)
	@Operation(hidden = true)
	ResponseEntity<SubmissionAccepted> submitWithAnyBody(
			@RequestParam(name = ITEM_ID, required = false) @Nullable Long itemId,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
			@Parameter(hidden = true) @AuthenticationPrincipal @Nullable KeyHolder client) {
		return submit(resolveItemId(itemId, null), idempotencyKey, client);
	}

	private ResponseEntity<SubmissionAccepted> submit(long requestedItemId, @Nullable String idempotencyKey,
			@Nullable KeyHolder client) {
		long itemId = InvalidIdentifier.requirePositive(ITEM_ID, requestedItemId);
		String clientName = (client != null && client.role() == Role.CLIENT) ? client.name() : null;
		if (idempotencyKey == null) {
			return accepted(this.submissions.submit(itemId, clientName), false);
		}
		String key = requireValidKey(idempotencyKey);
		IdempotentSubmissions.Submitted submitted = this.idempotentSubmissions.submit(itemId, scoped(client, key),
				clientName);
		return accepted(submitted.taskId(), !submitted.created());
	}

	/**
	 * The key in its caller's scope. With API keys, each client has keys of its own: two
	 * clients both sending "order-42" get a task each, not each other's task or a 422. A
	 * caller without a client name gets the empty scope, so its "client-a/order-42" is
	 * "/client-a/order-42", never client-a's "order-42". Another role's scope starts with
	 * "@", which no client name does, so a client that calls itself "operator" never
	 * shares the operator's keys.
	 */
	static String scoped(@Nullable KeyHolder caller, String key) {
		if (caller == null || caller.role() == Role.CLIENT) {
			return ((caller != null && caller.name() != null) ? caller.name() : "") + "/" + key;
		}
		return "@" + caller.role().name().toLowerCase(Locale.ROOT) + ":" + caller.displayName() + "/" + key;
	}

	private static ResponseEntity<SubmissionAccepted> accepted(long taskId, boolean replayed) {
		ResponseEntity.BodyBuilder answer = ResponseEntity.accepted()
			.location(URI.create("/moderation_result/" + taskId));
		if (replayed) {
			answer.header(IDEMPOTENT_REPLAYED, "true");
		}
		return answer.body(SubmissionAccepted.pending(taskId));
	}

	/** 1 to 255 visible ASCII characters: a UUID, a ULID, a client's own request id. */
	private static String requireValidKey(String key) {
		boolean visibleAscii = key.chars().allMatch((c) -> c >= 0x21 && c <= 0x7e);
		if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !visibleAscii) {
			throw new InvalidIdentifier(IDEMPOTENCY_KEY,
					IDEMPOTENCY_KEY + " must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters");
		}
		return key;
	}

	private static long resolveItemId(@Nullable Long queryItemId, @Nullable SubmitModerationRequest body) {
		Long bodyItemId = (body != null) ? body.itemId() : null;
		if (queryItemId != null && bodyItemId != null && !Objects.equals(queryItemId, bodyItemId)) {
			throw new InvalidIdentifier(ITEM_ID, "item_id in the query and in the body differ");
		}
		Long itemId = (queryItemId != null) ? queryItemId : bodyItemId;
		if (itemId == null) {
			throw InvalidIdentifier.missing(ITEM_ID);
		}
		return itemId;
	}

}
