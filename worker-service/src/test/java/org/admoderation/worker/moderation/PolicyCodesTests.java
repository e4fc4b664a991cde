package org.admoderation.worker.moderation;

import java.util.Arrays;

import org.admoderation.common.review.PolicyCodes;
import org.admoderation.model.Policy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API checks reviewers' reason codes against {@link PolicyCodes} without loading the
 * model: the list must be the model's.
 */
class PolicyCodesTests {

	@Test
	void theReviewersReasonCodesAreTheModelsPolicies() {
		assertThat(PolicyCodes.ALL)
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(Policy.values()).map(Policy::code).toList());
	}

}
