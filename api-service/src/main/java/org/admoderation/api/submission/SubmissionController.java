package org.admoderation.api.submission;

import java.net.URI;
import java.util.Objects;

import org.admoderation.api.web.InvalidIdentifier;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /async_predict?item_id=123}, or with the body {@code {"item_id": 123}}.
 */
@RestController
class SubmissionController {

	static final String ITEM_ID = "item_id";

	private final SubmissionService submissions;

	SubmissionController(SubmissionService submissions) {
		this.submissions = submissions;
	}

	@PostMapping("/async_predict")
	ResponseEntity<SubmissionAccepted> submit(
			@RequestParam(name = ITEM_ID, required = false) @Nullable Long queryItemId,
			@RequestBody(required = false) @Nullable SubmitModerationRequest body) {
		long itemId = InvalidIdentifier.requirePositive(ITEM_ID, resolveItemId(queryItemId, body));
		long taskId = this.submissions.submit(itemId);
		return ResponseEntity.accepted()
			.location(URI.create("/moderation_result/" + taskId))
			.body(SubmissionAccepted.pending(taskId));
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
