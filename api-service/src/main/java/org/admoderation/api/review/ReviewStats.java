package org.admoderation.api.review;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The review queue and how people's verdicts compare with the model's.
 */
record ReviewStats(@JsonProperty("queue") Queue queue, @JsonProperty("reviewers") List<Reviewer> reviewers,
		@Schema(description = "Per policy (the model's strongest reason, or none), over the reviewed tasks: the "
				+ "model's decision against the person's") @JsonProperty("policies") List<PolicyAgreement> policies,
		@Schema(types = {
				"number", "null" },
				description = "Share of reviewed tasks the model approved or rejected on which the person agreed; "
						+ "null before any") @JsonProperty("agreement") @Nullable Double agreement){

	/**
	 * @param oldestAgeSeconds null when the queue is empty
	 */
	record Queue(@JsonProperty("depth") long depth, @JsonProperty("reviews") long reviews,
			@JsonProperty("quality_samples") long qualitySamples, @JsonProperty("claimed") long claimed,
			@Schema(types = {
					"number", "null" },
					description = "null when the queue is empty") @JsonProperty("oldest_age_seconds") @Nullable Double oldestAgeSeconds){

	}

	record Reviewer(@JsonProperty("name") String name, @Schema(allowableValues = {
			"reviewer", "operator" }) @JsonProperty("kind") String kind, @JsonProperty("decisions") long decisions,
			@JsonProperty("approved") long approved, @JsonProperty("rejected") long rejected,
			@JsonProperty("last_decided_at") Instant lastDecidedAt){

	}

	/**
	 * @param counts the model's decision, then the person's, to the number of tasks
	 */
	record PolicyAgreement(@JsonProperty("policy") String policy, @JsonProperty("reviewed") long reviewed, @Schema(
			description = "model decision -> person's verdict -> tasks",
			example = "{\"reject\": {\"reject\": 8, \"approve\": 2}, \"review\": {\"approve\": 5}}") @JsonProperty("counts") Map<String, Map<String, Long>> counts,
			@Schema(types = {
					"number", "null" }) @JsonProperty("agreement") @Nullable Double agreement){

	}

}
