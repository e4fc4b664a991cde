package org.admoderation.worker.intake;

import org.admoderation.worker.moderation.InboundRecord;
import org.admoderation.worker.moderation.InboundRecord.Malformed;
import org.admoderation.worker.moderation.InboundRecord.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class InboundRecordParserTests {

	private final InboundRecordParser parser = new InboundRecordParser(JsonMapper.builder().build());

	@Test
	void wellFormedMessageIsARequest() {
		InboundRecord record = this.parser.parse("7",
				"{\"task_id\": 7, \"item_id\": 123, \"timestamp\": \"2025-01-28T12:00:00Z\"}", "moderation-0@5");

		assertThat(record).isInstanceOfSatisfying(Request.class, (request) -> {
			assertThat(request.taskId()).isEqualTo(7);
			assertThat(request.itemId()).isEqualTo(123);
			assertThat(request.original().get("timestamp").stringValue()).isEqualTo("2025-01-28T12:00:00Z");
			assertThat(request.source()).isEqualTo("moderation-0@5");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "not json|Message is not valid JSON", "[1, 2]|Message must be a JSON object",
					"{\"item_id\": 1}|Field 'task_id' is missing",
					"{\"task_id\": null, \"item_id\": 1}|Field 'task_id' is missing",
					"{\"task_id\": \"7\", \"item_id\": 1}|Field 'task_id' must be a positive integer",
					"{\"task_id\": 1.5, \"item_id\": 1}|Field 'task_id' must be a positive integer",
					"{\"task_id\": 0, \"item_id\": 1}|Field 'task_id' must be a positive integer",
					"{\"task_id\": 99999999999999999999, \"item_id\": 1}|Field 'task_id' must be a positive integer",
					"{\"task_id\": 1}|Field 'item_id' is missing",
					"{\"task_id\": 1, \"item_id\": true}|Field 'item_id' must be a positive integer" })
	void malformedMessagesCarryAReadableReason(String value, String reason) {
		InboundRecord record = this.parser.parse("k", value, "moderation-1@9");

		assertThat(record).isInstanceOfSatisfying(Malformed.class, (malformed) -> {
			assertThat(malformed.reason()).isEqualTo(reason);
			assertThat(malformed.key()).isEqualTo("k");
		});
	}

	@Test
	void nonJsonKeepsItsRawTextAsTheOriginalMessage() {
		InboundRecord record = this.parser.parse(null, "hello", "moderation-1@9");

		assertThat(record.original().isString()).isTrue();
		assertThat(record.original().stringValue()).isEqualTo("hello");
	}

	@Test
	void emptyAndNullValuesAreMalformed() {
		assertThat(this.parser.parse(null, null, "s")).isInstanceOfSatisfying(Malformed.class,
				(malformed) -> assertThat(malformed.reason()).isEqualTo("Empty message"));
		assertThat(this.parser.parse(null, "  ", "s")).isInstanceOf(Malformed.class);
	}

	@Test
	void hugeRecordIsTruncatedSoItsDeadLetterFitsTheBroker() {
		String huge = "x".repeat(1024 * 1024);

		InboundRecord record = this.parser.parse(null, huge, "s");

		assertThat(record).isInstanceOf(Malformed.class);
		assertThat(record.original().stringValue()).hasSizeLessThan(InboundRecordParser.MAX_ORIGINAL_CHARS + 100)
			.endsWith("[truncated " + (huge.length() - InboundRecordParser.MAX_ORIGINAL_CHARS) + " characters]");
	}

}
