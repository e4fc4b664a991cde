package org.admoderation.api.submission;

import org.admoderation.api.outbox.OutboxRelay;
import org.admoderation.api.task.ModerationTasks;

import org.springframework.stereotype.Service;

/**
 * Accepts a moderation request: the task row is committed first (it is its own outbox
 * entry), then the relay is nudged to publish it. The request never waits for Kafka, so a
 * broker outage delays moderation but never refuses or loses a request.
 */
@Service
public class SubmissionService {

	private final ModerationTasks tasks;

	private final OutboxRelay relay;

	public SubmissionService(ModerationTasks tasks, OutboxRelay relay) {
		this.tasks = tasks;
		this.relay = relay;
	}

	/**
	 * @return the id of the new pending task
	 * @throws AdvertisementNotFound when the advertisement does not exist
	 */
	public long submit(long itemId) {
		long taskId = this.tasks.createPendingIfAdvertisementExists(itemId)
			.orElseThrow(() -> new AdvertisementNotFound(itemId));
		this.relay.wakeUp();
		return taskId;
	}

}
