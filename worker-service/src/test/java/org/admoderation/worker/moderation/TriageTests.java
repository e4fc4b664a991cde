package org.admoderation.worker.moderation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.admoderation.common.task.TaskStatus;
import org.admoderation.model.Advertisement;
import org.admoderation.worker.moderation.InboundRecord.Malformed;
import org.admoderation.worker.moderation.InboundRecord.Request;
import org.admoderation.worker.moderation.Triage.Failure;
import org.admoderation.worker.moderation.Triage.Scorable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What becomes of each record of a poll, decided from the loaded tasks alone: no
 * database, broker or model.
 */
class TriageTests {

	private static final Advertisement AD = new Advertisement(10, "Bike", "A red bike", 3, BigDecimal.TEN, 2, true);

	@Test
	void aPendingTaskWithItsAdIsScoredAndCostsAnAttempt() {
		Request request = request(1, 10);

		Triage triage = Triage.of(List.of(request), Map.of(1L, pending(1, 10, AD, 2)), Set.of());

		assertThat(triage.toScore()).containsExactly(new Scorable(request, AD, 3));
		assertThat(triage.advertisements()).containsExactly(AD);
		assertThat(triage.taken()).containsExactly(1L);
		assertThat(triage.malformed()).isEmpty();
		assertThat(triage.failures()).isEmpty();
		assertThat(triage.skipped()).isEmpty();
	}

	@Test
	void anAttemptAnEarlierTryOfThisPollCountedIsNotCountedAgain() {
		Triage triage = Triage.of(List.of(request(1, 10)), Map.of(1L, pending(1, 10, AD, 3)), Set.of(1L));

		assertThat(triage.toScore()).singleElement().extracting(Scorable::attempts).isEqualTo(3);
	}

	@Test
	void aTaskWhoseAdIsGoneFailsWithoutScoring() {
		Request request = request(2, 20);

		Triage triage = Triage.of(List.of(request), Map.of(2L, pending(2, 20, null, 0)), Set.of());

		assertThat(triage.failures()).containsExactly(
				new Failure(request, Triage.ADVERTISEMENT_NOT_FOUND_CODE, Triage.ADVERTISEMENT_NOT_FOUND, 1));
		assertThat(triage.toScore()).isEmpty();
		assertThat(triage.taken()).containsExactly(2L);
	}

	@Test
	void anUnknownTaskAndAForeignItemAreMalformedRecordsAndCostNoAttempt() {
		Triage triage = Triage.of(List.of(request(3, 30), request(4, 99)), Map.of(4L, pending(4, 40, AD, 0)), Set.of());

		assertThat(triage.malformed()).extracting(Malformed::code)
			.containsExactly(Malformed.UNKNOWN_TASK, Malformed.ITEM_MISMATCH);
		assertThat(triage.malformed()).extracting(Malformed::reason)
			.containsExactly("Unknown task 3", "item_id 99 does not match task 4");
		assertThat(triage.taken()).isEmpty();
	}

	@Test
	void aFinishedTaskAndARepeatWithinThePollAreSkipped() {
		Request repeated = request(5, 10);
		Request finished = request(6, 10);
		TaskSnapshot completed = new TaskSnapshot(6, 10, TaskStatus.COMPLETED, 1, AD);

		Triage triage = Triage.of(List.of(repeated, repeated, finished),
				Map.of(5L, pending(5, 10, AD, 0), 6L, completed), Set.of());

		assertThat(triage.toScore()).extracting(Scorable::request).containsExactly(repeated);
		assertThat(triage.skipped()).extracting(Triage.Skipped::status)
			.containsExactly(TaskStatus.PENDING, TaskStatus.COMPLETED);
		assertThat(triage.taken()).containsExactly(5L);
	}

	@Test
	void aMalformedRecordIsKeptAsReadAndTheOrderOfThePollIsKept() {
		Malformed bad = new Malformed(Malformed.MALFORMED, "Not JSON", JsonNodeFactory.instance.stringNode("x{"), null,
				"moderation-0@7");

		Triage triage = Triage.of(List.of(request(8, 10), bad, request(7, 10)),
				Map.of(7L, pending(7, 10, AD, 0), 8L, pending(8, 10, AD, 0)), Set.of());

		assertThat(triage.malformed()).containsExactly(bad);
		assertThat(triage.taken()).containsExactly(8L, 7L);
		assertThat(Triage.taskIds(List.of(request(8, 10), bad, request(7, 10), request(8, 10)))).containsExactly(8L,
				7L);
	}

	@Test
	void anUnscorableAdFailsWithTheAttemptsOfItsTask() {
		Scorable scorable = new Scorable(request(9, 10), AD, 4);

		assertThat(scorable.unscorable("unsupported_input", "Title too long"))
			.isEqualTo(new Failure(scorable.request(), "unsupported_input", "Title too long", 4));
	}

	private static TaskSnapshot pending(long taskId, long itemId, Advertisement advertisement, int attempts) {
		return new TaskSnapshot(taskId, itemId, TaskStatus.PENDING, attempts, advertisement);
	}

	private static Request request(long taskId, long itemId) {
		return new Request(taskId, itemId, JsonNodeFactory.instance.objectNode().put("task_id", taskId), "" + taskId,
				"moderation-0@" + taskId, null);
	}

}
