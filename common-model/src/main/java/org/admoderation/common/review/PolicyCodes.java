package org.admoderation.common.review;

import java.util.List;

/**
 * The policies' codes, as results show them and reviewers give them as reasons. The
 * model's own list is {@code org.admoderation.model.Policy}; a test keeps the two equal,
 * since the API does not load the model.
 */
public final class PolicyCodes {

	public static final List<String> ALL = List.of("contacts_in_text", "external_link", "off_platform_payment",
			"prohibited_goods", "spam", "suspicious_price", "thin_listing");

	private PolicyCodes() {
	}

	public static boolean isPolicy(String code) {
		return ALL.contains(code);
	}

}
