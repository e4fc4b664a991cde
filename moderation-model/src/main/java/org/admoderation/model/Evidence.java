package org.admoderation.model;

/**
 * Where a detector matched: a span of one field of the advertisement. Offsets count
 * UTF-16 code units of the field, as Java strings do; {@code end} is exclusive.
 *
 * @param field {@code title} or {@code description}
 * @param start first code unit of the match
 * @param end one past the last code unit
 * @param text the matched text as it is in the field
 */
public record Evidence(String field, int start, int end, String text) {

	public static final String TITLE = "title";

	public static final String DESCRIPTION = "description";

}
