package org.admoderation.model;

import java.util.Locale;

/** What happens to an advertisement: published, sent to a person, or refused. */
public enum Decision {

	APPROVE, REVIEW, REJECT;

	/** The name in results and the database: {@code approve}. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Decision fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

	Decision atLeast(Decision other) {
		return (other.ordinal() > ordinal()) ? other : this;
	}

}
