package org.admoderation.worker.intake;

import org.admoderation.worker.moderation.InboundRecord;
import org.admoderation.worker.moderation.InboundRecord.Malformed;
import org.admoderation.worker.moderation.InboundRecord.Request;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

import org.springframework.stereotype.Component;

/**
 * Turns a raw {@code moderation} record into a {@link Request} or a {@link Malformed}
 * record with a reason an operator can read. Never throws: a poison record must not block
 * its partition.
 */
@Component
public class InboundRecordParser {

	/**
	 * The most of a malformed record's text kept in its dead letter; a record near
	 * Kafka's 1 MB limit would otherwise make a dead letter the broker refuses.
	 */
	static final int MAX_ORIGINAL_CHARS = 64 * 1024;

	private final JsonMapper json;

	public InboundRecordParser(JsonMapper json) {
		this.json = json;
	}

	/**
	 * @param key the record's key
	 * @param value the record's value
	 * @param source where it was read, {@code topic-partition@offset timestamp}
	 */
	public InboundRecord parse(@Nullable String key, @Nullable String value, String source) {
		return parse(key, value, source, null);
	}

	/**
	 * @param key the record's key
	 * @param value the record's value
	 * @param source where it was read, {@code topic-partition@offset timestamp}
	 * @param traceParent the record's {@code traceparent} header
	 */
	public InboundRecord parse(@Nullable String key, @Nullable String value, String source,
			@Nullable String traceParent) {
		if (value == null || value.isBlank()) {
			return new Malformed(Malformed.MALFORMED, "Empty message", StringNode.valueOf((value != null) ? value : ""),
					key, source);
		}
		if (value.length() > MAX_ORIGINAL_CHARS) {
			return new Malformed(Malformed.MALFORMED, "Message too large (" + value.length() + " characters)",
					truncated(value), key, source);
		}
		JsonNode message;
		try {
			message = this.json.readTree(value);
		}
		catch (JacksonException ex) {
			return new Malformed(Malformed.MALFORMED, "Message is not valid JSON", StringNode.valueOf(value), key,
					source);
		}
		if (message == null || !message.isObject()) {
			return new Malformed(Malformed.MALFORMED, "Message must be a JSON object", StringNode.valueOf(value), key,
					source);
		}
		String problem = positiveLongProblem(message, "task_id");
		if (problem == null) {
			problem = positiveLongProblem(message, "item_id");
		}
		if (problem != null) {
			return new Malformed(Malformed.MALFORMED, problem, message, key, source);
		}
		return new Request(message.get("task_id").longValue(), message.get("item_id").longValue(), message, key, source,
				traceParent);
	}

	private static @Nullable String positiveLongProblem(JsonNode message, String field) {
		JsonNode value = message.get(field);
		if (value == null || value.isNull()) {
			return "Field '" + field + "' is missing";
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
			return "Field '" + field + "' must be a positive integer";
		}
		return null;
	}

	private static JsonNode truncated(String value) {
		return StringNode.valueOf(value.substring(0, MAX_ORIGINAL_CHARS) + "... [truncated "
				+ (value.length() - MAX_ORIGINAL_CHARS) + " characters]");
	}

}
