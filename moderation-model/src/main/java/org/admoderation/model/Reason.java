package org.admoderation.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import org.jspecify.annotations.Nullable;

/**
 * Why a policy weighed on the decision: its score and the spans that show it.
 *
 * @param code the policy, e.g. {@code contacts_in_text}
 * @param subtype for {@code prohibited_goods}, what kind: {@code drugs}, {@code weapons};
 * otherwise null
 * @param score the policy's score in [0, 1]
 * @param evidence the matched spans, empty when the score comes from the encoder alone
 */
public record Reason(String code, @JsonInclude(Include.NON_NULL) @Nullable String subtype, double score,
		List<Evidence> evidence) {

	public Reason {
		evidence = List.copyOf(evidence);
	}

}
