package org.admoderation.api.result;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import org.admoderation.common.task.ModerationTask;
import org.admoderation.common.task.TaskStatus;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET /moderation_result/{task_id}}: the seed's fields
 * ({@code is_violation} and {@code probability} always present, {@code error_message}
 * only when failed) plus additive ones.
 */
@JsonPropertyOrder({ "task_id", "status", "is_violation", "probability", "error_message" })
public record ModerationResultResponse(@JsonProperty("task_id") long taskId, @JsonProperty("status") String status,
		@JsonProperty("is_violation") @Schema(types = {
				"boolean", "null" }, description = "null until completed") @Nullable Boolean isViolation,
		@JsonProperty("probability") @Schema(types = { "number", "null" }, format = "double",
				description = "null until completed") @Nullable Double probability,
		@JsonProperty("error_message") @JsonInclude(Include.NON_NULL) @Nullable String errorMessage,
		@JsonProperty("item_id") long itemId,
		@JsonProperty("model_version") @JsonInclude(Include.NON_NULL) @Nullable String modelVersion,
		@JsonProperty("created_at") Instant createdAt,
		@JsonProperty("processed_at") @JsonInclude(Include.NON_NULL) @Nullable Instant processedAt,
		@Schema(description = "approve, review (a person decides) or reject (is_violation true); absent until "
				+ "completed and for tasks scored before models had policies",
				allowableValues = { "approve", "review",
						"reject" }) @JsonProperty("decision") @JsonInclude(Include.NON_NULL) @Nullable String decision,
		@JsonProperty("reasons") @JsonInclude(Include.NON_NULL) @Nullable List<VerdictReason> reasons,
		@Schema(description = "The model's own decision, which a reviewer's may have replaced; present with decision",
				allowableValues = { "approve", "review",
						"reject" }) @JsonProperty("model_decision") @JsonInclude(Include.NON_NULL) @Nullable String modelDecision,
		@Schema(description = "Whose decision \"decision\" is: \"model\", or the name of the reviewer or operator "
				+ "whose verdict replaced the model's; present with decision",
				example = "alice") @JsonProperty("decided_by") @JsonInclude(Include.NON_NULL) @Nullable String decidedBy,
		@Schema(description = "When that person decided; absent while the model's decision stands") @JsonProperty("reviewed_at") @JsonInclude(Include.NON_NULL) @Nullable Instant reviewedAt){

	/** {@code decided_by} of a decision no person has replaced. */
	static final String MODEL = "model";

	private static final ObjectMapper REASONS = JsonMapper.builder().build();

	public static ModerationResultResponse from(ModerationTask task) {
		String errorMessage = (task.status() == TaskStatus.FAILED) ? task.errorMessage() : null;
		boolean decided = task.decision() != null;
		// Tasks decided before reviews existed have no model_decision: theirs is the
		// model's.
		String modelDecision = (task.modelDecision() != null || !decided) ? task.modelDecision() : task.decision();
		String decidedBy = task.reviewed() ? task.decidedBy() : (decided ? MODEL : null);
		return new ModerationResultResponse(task.id(), task.status().value(), task.violation(), task.probability(),
				errorMessage, task.itemId(), task.modelVersion(), task.createdAt(), task.processedAt(), task.decision(),
				reasons(task.reasons()), modelDecision, decidedBy, task.reviewedAt());
	}

	private static @Nullable List<VerdictReason> reasons(@Nullable String json) {
		if (json == null) {
			return null;
		}
		return REASONS.readValue(json, new TypeReference<List<VerdictReason>>() {
		});
	}

}
