package org.admoderation.api.submission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.admoderation.api.outbox.OutboxRelay;
import org.admoderation.common.metrics.ModerationMeters;

import org.springframework.stereotype.Component;

/**
 * What follows once new tasks are committed, whichever way they were submitted: the relay
 * publishes them now rather than at its next poll, and they are counted.
 */
@Component
class CommittedSubmissions {

	private final OutboxRelay relay;

	private final Counter submitted;

	CommittedSubmissions(OutboxRelay relay, MeterRegistry meters) {
		this.relay = relay;
		this.submitted = Counter.builder(ModerationMeters.TASKS_SUBMITTED)
			.description("Tasks created by POST /async_predict (replays of an Idempotency-Key not counted)")
			.register(meters);
	}

	void committed(int tasks) {
		if (tasks > 0) {
			this.submitted.increment(tasks);
			this.relay.wakeUp();
		}
	}

}
