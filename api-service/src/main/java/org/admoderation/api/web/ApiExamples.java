package org.admoderation.api.web;

/**
 * The bodies of the seed's specification, as OpenAPI examples, and one example of each
 * problem the API answers with.
 */
public final class ApiExamples {

	public static final String ACCEPTED = """
			{"task_id": 1, "status": "pending", "message": "Moderation request accepted"}""";

	public static final String PENDING = """
			{"task_id": 1, "status": "pending", "is_violation": null, "probability": null, "item_id": 123,
			 "model_version": null, "created_at": "2025-01-28T12:00:00Z", "processed_at": null}""";

	public static final String COMPLETED = """
			{"task_id": 1, "status": "completed", "is_violation": false, "probability": 0.02, "item_id": 123,
			 "model_version": "moderation-policies:3", "created_at": "2025-01-28T12:00:00Z",
			 "processed_at": "2025-01-28T12:00:01Z", "decision": "approve", "reasons": []}""";

	public static final String REJECTED = """
			{"task_id": 2, "status": "completed", "is_violation": true, "probability": 0.98, "item_id": 124,
			 "model_version": "moderation-policies:3", "created_at": "2025-01-28T12:00:00Z",
			 "processed_at": "2025-01-28T12:00:01Z", "decision": "reject",
			 "reasons": [{"code": "contacts_in_text", "score": 0.97, "evidence": [{"field": "description",
			   "start": 41, "end": 57, "text": "+7 926 111 22 33"}]}]}""";

	public static final String REVIEW = """
			{"task_id": 3, "status": "completed", "is_violation": false, "probability": 0.71, "item_id": 125,
			 "model_version": "moderation-policies:3", "created_at": "2025-01-28T12:00:00Z",
			 "processed_at": "2025-01-28T12:00:01Z", "decision": "review",
			 "reasons": [{"code": "suspicious_price", "score": 0.9, "evidence": [{"field": "title", "start": 0,
			   "end": 13, "text": "iPhone 15 Pro"}]}]}""";

	public static final String FAILED = """
			{"task_id": 1, "status": "failed", "is_violation": null, "probability": null,
			 "error_message": "Advertisement not found", "item_id": 123, "model_version": "moderation-policies:3",
			 "created_at": "2025-01-28T12:00:00Z", "processed_at": "2025-01-28T12:00:01Z"}""";

	public static final String INVALID_ITEM_ID = """
			{"type": "about:blank", "title": "Invalid item_id", "status": 400,
			 "detail": "item_id must be an integer between 1 and 9223372036854775807", "instance": "/async_predict"}""";

	public static final String ADVERTISEMENT_NOT_FOUND = """
			{"type": "about:blank", "title": "Advertisement not found", "status": 404,
			 "detail": "Advertisement 123 not found", "instance": "/async_predict"}""";

	public static final String TASK_NOT_FOUND = """
			{"type": "about:blank", "title": "Moderation task not found", "status": 404,
			 "detail": "Moderation task 1 not found", "instance": "/moderation_result/1"}""";

	public static final String KEY_REUSED = """
			{"type": "about:blank", "title": "Idempotency-Key reused", "status": 422,
			 "detail": "This Idempotency-Key was used for item_id 123, not 124; use a new key for a new request",
			 "instance": "/async_predict"}""";

	public static final String API_KEY_REQUIRED = """
			{"type": "about:blank", "title": "API key required", "status": 401,
			 "detail": "A valid X-API-Key header is required", "instance": "/async_predict"}""";

	public static final String UNAVAILABLE = """
			{"type": "about:blank", "title": "Database unavailable", "status": 503,
			 "detail": "The moderation database cannot be reached; retry later", "instance": "/async_predict"}""";

	private ApiExamples() {
	}

}
