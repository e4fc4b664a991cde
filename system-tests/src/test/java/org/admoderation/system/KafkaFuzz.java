package org.admoderation.system;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Hostile records for the {@code moderation} topic, as an attacker, a buggy producer or a
 * confused client would send them: NUL bytes, invalid UTF-8, control characters, empty
 * and oversized keys and values (up to the broker's 1 MB limit), JSON nested past any
 * parser's limit, duplicate fields, numbers out of range, messages naming a real task
 * with another item, unknown tasks, and headers of random bytes. Seeded: a failing run
 * can be replayed.
 */
final class KafkaFuzz {

	/** What kind of record, and whether the worker must dead-letter it. */
	enum Kind {

		NUL_BYTES(true), INVALID_UTF8(true), CONTROL_CHARACTERS(true), EMPTY(true), NO_VALUE(true), OVERSIZED_KEY(true),
		OVERSIZED_VALUE(true), DEEP_JSON(true), DUPLICATE_FIELDS(true), OUT_OF_RANGE(true), ANOTHER_TASKS_ITEM(true),
		UNKNOWN_TASK(true), WRONG_TYPES(true),
		/**
		 * A real, finished task's own message sent again: written nothing, dead-lettered
		 * never.
		 */
		REPEAT_OF_A_DONE_TASK(false);

		final boolean deadLettered;

		Kind(boolean deadLettered) {
			this.deadLettered = deadLettered;
		}

	}

	/** A finished task and its item, whose message the fuzzer repeats or falsifies. */
	record DoneTask(long taskId, long itemId) {

	}

	/** A record to send, and what it is. */
	record Hostile(Kind kind, ProducerRecord<byte[], byte[]> record) {

	}

	/**
	 * Below the broker's message.max.bytes (1,048,588) with key, headers and batch
	 * overhead.
	 */
	private static final int LARGEST_VALUE = 1_000_000;

	private final Random random;

	private final List<DoneTask> doneTasks;

	KafkaFuzz(long seed, List<DoneTask> doneTasks) {
		this.random = new Random(seed);
		this.doneTasks = doneTasks;
	}

	Hostile next(String topic, int partition) {
		Kind kind = kind();
		byte[] key = randomKey();
		byte[] value = switch (kind) {
			case NUL_BYTES -> utf8("{\"task_id\": 1\u0000, \"item_id\": \u00002}");
			case INVALID_UTF8 -> invalidUtf8();
			case CONTROL_CHARACTERS -> controlCharacters(1 + this.random.nextInt(70_000));
			case EMPTY -> new byte[0];
			case NO_VALUE -> null;
			case OVERSIZED_KEY -> {
				key = utf8("k".repeat(300_000 + this.random.nextInt(200_000)));
				yield utf8("{\"task_id\": \"big key\"}");
			}
			case OVERSIZED_VALUE -> oversizedValue();
			case DEEP_JSON -> utf8("{\"task_id\": 1, \"item_id\": 1, \"x\": "
					+ "[".repeat(5_000 + this.random.nextInt(50_000)) + "]".repeat(100));
			case DUPLICATE_FIELDS ->
				utf8("{\"task_id\": " + doneTask().taskId() + ", \"task_id\": -7, \"item_id\": 1}");
			case OUT_OF_RANGE -> utf8(switch (this.random.nextInt(4)) {
				case 0 -> "{\"task_id\": 1e400, \"item_id\": 1}";
				case 1 -> "{\"task_id\": 99999999999999999999999999, \"item_id\": 1}";
				case 2 -> "{\"task_id\": -9223372036854775808, \"item_id\": 1}";
				default -> "{\"task_id\": 1.0000000000000002, \"item_id\": NaN}";
			});
			case ANOTHER_TASKS_ITEM -> {
				DoneTask task = doneTask();
				yield utf8("{\"task_id\": " + task.taskId() + ", \"item_id\": " + (task.itemId() + 1) + "}");
			}
			case UNKNOWN_TASK ->
				utf8("{\"task_id\": " + (9_000_000_000L + this.random.nextInt(1_000_000)) + ", \"item_id\": 1}");
			case WRONG_TYPES -> utf8(switch (this.random.nextInt(4)) {
				case 0 -> "[1, 2]";
				case 1 -> "\"task\"";
				case 2 -> "{\"task_id\": {\"$gt\": 0}, \"item_id\": [1]}";
				default -> "{\"task_id\": true, \"item_id\": null}";
			});
			case REPEAT_OF_A_DONE_TASK -> {
				DoneTask task = doneTask();
				key = utf8(Long.toString(task.taskId()));
				yield utf8("{\"task_id\": " + task.taskId() + ", \"item_id\": " + task.itemId() + "}");
			}
		};
		return new Hostile(kind, new ProducerRecord<>(topic, partition, key, value, randomHeaders()));
	}

	private Kind kind() {
		// The oversized kinds are rarer: a round stays within seconds and tens of
		// megabytes.
		Kind kind = Kind.values()[this.random.nextInt(Kind.values().length)];
		if ((kind == Kind.OVERSIZED_KEY || kind == Kind.OVERSIZED_VALUE) && this.random.nextInt(8) != 0) {
			return Kind.CONTROL_CHARACTERS;
		}
		boolean needsATask = kind == Kind.DUPLICATE_FIELDS || kind == Kind.ANOTHER_TASKS_ITEM
				|| kind == Kind.REPEAT_OF_A_DONE_TASK;
		return (needsATask && this.doneTasks.isEmpty()) ? Kind.UNKNOWN_TASK : kind;
	}

	private DoneTask doneTask() {
		return this.doneTasks.get(this.random.nextInt(this.doneTasks.size()));
	}

	private byte[] randomKey() {
		return switch (this.random.nextInt(5)) {
			case 0 -> null;
			case 1 -> new byte[0];
			case 2 -> utf8("key\u0000" + this.random.nextInt());
			case 3 -> invalidUtf8();
			default -> randomBytes(1 + this.random.nextInt(64));
		};
	}

	private RecordHeaders randomHeaders() {
		RecordHeaders headers = new RecordHeaders();
		int count = this.random.nextInt(4);
		for (int i = 0; i < count; i++) {
			// traceparent among them: the worker reads it as the task's trace context.
			String name = (i == 0 && this.random.nextBoolean()) ? "traceparent" : "h" + this.random.nextInt(100);
			headers.add(name, randomBytes(this.random.nextInt(200)));
		}
		return headers;
	}

	private byte[] oversizedValue() {
		int size = 200_000 + this.random.nextInt(LARGEST_VALUE - 200_000);
		return this.random.nextBoolean() ? controlCharacters(size) : randomBytes(size);
	}

	private byte[] invalidUtf8() {
		byte[] bytes = { (byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xE2, 0x28, (byte) 0xA1, (byte) 0xF0,
				(byte) 0x90, 0x28, (byte) 0xBC, (byte) 0xFF, (byte) 0xFE, '{' };
		return Arrays.copyOf(bytes, 1 + this.random.nextInt(bytes.length));
	}

	private byte[] controlCharacters(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) this.random.nextInt(0x20);
		}
		return bytes;
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
