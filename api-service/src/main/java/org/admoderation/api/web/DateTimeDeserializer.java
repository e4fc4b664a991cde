package org.admoderation.api.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads an instant as the document's {@code format: date-time} says, RFC 3339's
 * {@code 2026-01-02T03:04:05Z} or {@code ...+03:00}, and nothing else: Jackson's own
 * reader also takes {@code 0} (epoch seconds) and dates without an offset, which a client
 * meant otherwise. No leap second.
 */
public final class DateTimeDeserializer extends StdDeserializer<Instant> {

	private static final Pattern RFC_3339 = Pattern.compile(
			"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}):(\\d{2})(\\.\\d+)?(Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)",
			Pattern.CASE_INSENSITIVE);

	/**
	 * The document's pattern for these fields: RFC 3339's shape with its ranges, so that
	 * clients (and a fuzzer) know "" or hour 25 is not a time.
	 */
	public static final String PATTERN = "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[Tt]([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d)"
			+ "(\\.\\d+)?([Zz]|[+-]([01]\\d|2[0-3]):[0-5]\\d)$";

	/**
	 * The calendar as it is (ISO's formatter resolves strictly): February 30 is no date.
	 */
	private static final DateTimeFormatter CALENDAR = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

	public DateTimeDeserializer() {
		super(Instant.class);
	}

	private static long offsetSeconds(String offset) {
		if (offset.equalsIgnoreCase("Z")) {
			return 0;
		}
		int sign = (offset.charAt(0) == '-') ? -1 : 1;
		return sign
				* (Integer.parseInt(offset.substring(1, 3)) * 3600L + Integer.parseInt(offset.substring(4, 6)) * 60L);
	}

	/**
	 * The instant an RFC 3339 date-time names; empty for anything else, a date that is
	 * not in the calendar included.
	 */
	public static Optional<Instant> parse(String text) {
		Matcher dateTime = RFC_3339.matcher(text);
		if (dateTime.matches()) {
			try {
				// RFC 3339 allows fractions of any length and offsets up to 23:59, where
				// java.time stops at nanoseconds and 18:00. A leap second (:60), which
				// JSON Schema's validators take only at the end of a UTC day, is refused.
				String seconds = dateTime.group(2);
				String fraction = (dateTime.group(3) != null)
						? dateTime.group(3).substring(0, Math.min(10, dateTime.group(3).length())) : "";
				LocalDateTime local = LocalDateTime
					.parse(dateTime.group(1).toUpperCase(Locale.ROOT) + ":" + seconds + fraction, CALENDAR);
				return Optional.of(local.toInstant(ZoneOffset.UTC).minusSeconds(offsetSeconds(dateTime.group(4))));
			}
			catch (DateTimeParseException ex) {
				// Matched the shape but not the calendar (month 13, February 30, :60).
			}
		}
		return Optional.empty();
	}

	@Override
	public Instant deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() != JsonToken.VALUE_STRING) {
			return (Instant) context.handleUnexpectedToken(Instant.class, parser);
		}
		String text = parser.getString();
		Optional<Instant> instant = parse(text);
		if (instant.isPresent()) {
			return instant.get();
		}
		return (Instant) context.handleWeirdStringValue(Instant.class, text,
				"not an RFC 3339 date-time like 2026-01-02T03:04:05Z");
	}

}
