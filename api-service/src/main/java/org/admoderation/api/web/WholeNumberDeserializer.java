package org.admoderation.api.web;

import java.math.BigDecimal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads an identifier as JSON Schema's {@code integer}: {@code 123} and {@code 123.0} are
 * the same number, {@code 1.5}, {@code "1"} and {@code true} are not integers. Jackson
 * either refuses every decimal point ({@code accept-float-as-int: false}, the API's
 * setting) or truncates 1.5 to 1; the document's clients may send the first.
 */
public final class WholeNumberDeserializer extends StdDeserializer<Long> {

	public WholeNumberDeserializer() {
		super(Long.class);
	}

	@Override
	public Long deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
			return parser.getLongValue();
		}
		if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
			BigDecimal value = parser.getDecimalValue();
			try {
				return value.longValueExact();
			}
			catch (ArithmeticException notWhole) {
				return (Long) context.handleWeirdNumberValue(Long.class, value, "not a whole 64-bit integer");
			}
		}
		return (Long) context.handleUnexpectedToken(Long.class, parser);
	}

}
