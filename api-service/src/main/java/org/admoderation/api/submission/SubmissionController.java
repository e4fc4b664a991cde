package org.admoderation.api.submission;

import java.net.URI;
import java.util.Objects;

import org.admoderation.api.web.InvalidIdentifier;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /async_predict?item_id=123}, or with the body {@code {"item_id": 123}};
 * with an {@code Idempotency-Key} header, a retry gets the first request's task.
 */
@RestController
class SubmissionController {

	static final String ITEM_ID = "item_id";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Set on the answer to a retry that got the task of an earlier request. */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	private final SubmissionService submissions;

	private final IdempotentSubmissions idempotentSubmissions;

	SubmissionController(SubmissionService submissions, IdempotentSubmissions idempotentSubmissions) {
		this.submissions = submissions;
		this.idempotentSubmissions = idempotentSubmissions;
	}

	@PostMapping("/async_predict")
	ResponseEntity<SubmissionAccepted> submit(
			@RequestParam(name = ITEM_ID, required = false) @Nullable Long queryItemId,
			@RequestBody(required = false) @Nullable SubmitModerationRequest body,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		long itemId = InvalidIdentifier.requirePositive(ITEM_ID, resolveItemId(queryItemId, body));
		if (idempotencyKey == null) {
			return accepted(this.submissions.submit(itemId));
		}
		IdempotentSubmissions.Submitted submitted = this.idempotentSubmissions.submit(itemId,
				requireValidKey(idempotencyKey));
		ResponseEntity<SubmissionAccepted> answer = accepted(submitted.taskId());
		if (submitted.created()) {
			return answer;
		}
		return ResponseEntity.status(answer.getStatusCode())
			.headers(answer.getHeaders())
			.header(IDEMPOTENT_REPLAYED, "true")
			.body(answer.getBody());
	}

	private static ResponseEntity<SubmissionAccepted> accepted(long taskId) {
		return ResponseEntity.accepted()
			.location(URI.create("/moderation_result/" + taskId))
			.body(SubmissionAccepted.pending(taskId));
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
