package org.admoderation.common.metrics;

/**
 * Meter names and tags of the moderation pipeline (Micrometer's dotted names; Prometheus
 * shows {@code moderation.tasks.submitted} as {@code moderation_tasks_submitted_total}).
 */
public final class ModerationMeters {

	/**
	 * Counter, API: tasks created by {@code POST /async_predict} (replays not counted).
	 */
	public static final String TASKS_SUBMITTED = "moderation.tasks.submitted";

	/** Counter, API: moderation requests the broker acknowledged (redeliveries count). */
	public static final String TASKS_PUBLISHED = "moderation.tasks.published";

	/** Counter, worker: tasks scored and stored; tag {@link #VERDICT}. */
	public static final String TASKS_COMPLETED = "moderation.tasks.completed";

	/** Counter, worker and API: tasks that ended {@code failed}; tag {@link #REASON}. */
	public static final String TASKS_FAILED = "moderation.tasks.failed";

	/** Counter, API: failed tasks sent back for processing by {@code /admin/redrive}. */
	public static final String TASKS_REDRIVEN = "moderation.tasks.redriven";

	/**
	 * Counter, worker: records of {@code moderation} no task can be found for; tag
	 * {@link #REASON}.
	 */
	public static final String RECORDS_REJECTED = "moderation.records.rejected";

	/** Counter, both: dead letters the broker acknowledged on {@code moderation_dlq}. */
	public static final String DEAD_LETTERS_PUBLISHED = "moderation.dead_letters.published";

	/** Gauge, API: result events not yet acknowledged on {@code moderation_results}. */
	public static final String RESULT_EVENTS_BACKLOG = "moderation.result_events.backlog";

	/**
	 * Counter, both: result events the broker acknowledged on {@code moderation_results}.
	 */
	public static final String RESULT_EVENTS_PUBLISHED = "moderation.result_events.published";

	/**
	 * Timer, worker: from the task's creation to its result being stored; tag
	 * {@code outcome}.
	 */
	public static final String TASK_LATENCY = "moderation.task.latency";

	/** Timer, worker: one model call over a poll's ads. */
	public static final String SCORING_BATCH = "moderation.scoring.batch";

	/** Timer, worker: a model call's time divided among its ads. */
	public static final String SCORING_AD = "moderation.scoring.ad";

	/**
	 * Distribution, worker: the violation probabilities the model returned; tag
	 * {@code model}.
	 */
	public static final String SCORE_PROBABILITY = "moderation.score.probability";

	/** Gauge, API: pending tasks whose publish is due (the outbox backlog). */
	public static final String OUTBOX_BACKLOG = "moderation.outbox.backlog";

	/** Gauge, API: every pending task, published or not. */
	public static final String TASKS_PENDING = "moderation.tasks.pending";

	/** Gauge, API: dead letters not yet acknowledged by the broker. */
	public static final String DEAD_LETTER_BACKLOG = "moderation.dead_letters.backlog";

	/**
	 * Gauge, API: records of {@code moderation} the workers' group has not committed;
	 * tags {@code group}, {@code topic}, {@code partition}.
	 */
	public static final String CONSUMER_LAG = "moderation.consumer.lag";

	/** Gauge, API: clients of this replica waiting for their task to end (long-polls). */
	public static final String LONG_POLLS_WAITING = "moderation.long_polls.waiting";

	/**
	 * Timer, API: from this replica's notification that a task ended to its waiting
	 * client's answer written (long-polls).
	 */
	public static final String LONG_POLL_ANSWER_DELAY = "moderation.long_polls.answer_delay";

	/** Gauge, API: items waiting in the review queue, claimed or not. */
	public static final String REVIEW_QUEUE_DEPTH = "moderation.review.queue.depth";

	/**
	 * Gauge, API: seconds the oldest item of the review queue has waited (0 when empty).
	 */
	public static final String REVIEW_QUEUE_OLDEST = "moderation.review.queue.oldest.seconds";

	/**
	 * Counter, API: people's verdicts; tags {@code verdict}, {@code policy} (the model's
	 * strongest reason, or {@code none}) and {@code agreement} ({@code agree},
	 * {@code disagree}, or {@code model_review} when the model asked for a person).
	 */
	public static final String REVIEW_DECISIONS = "moderation.review.decisions";

	/** Timer, API: from an item's entry into the review queue to a person's verdict. */
	public static final String REVIEW_TIME = "moderation.review.time";

	/**
	 * Counter, API: webhook sends; tags {@link #ENDPOINT} and {@code outcome}
	 * ({@code delivered}, {@code failed} and retried later, {@code given_up}).
	 */
	public static final String WEBHOOK_DELIVERIES = "moderation.webhooks.deliveries";

	/**
	 * Timer, API: how long a receiver took to answer a send; tags {@link #ENDPOINT} and
	 * {@code outcome} ({@code delivered}, {@code failed}).
	 */
	public static final String WEBHOOK_LATENCY = "moderation.webhooks.latency";

	/** Gauge, API: deliveries not yet made, per {@link #ENDPOINT}. */
	public static final String WEBHOOK_BACKLOG = "moderation.webhooks.backlog";

	/** A webhook endpoint's name, as an operator registered it. */
	public static final String ENDPOINT = "endpoint";

	/** Why a task failed or a record was rejected: a short code, never free text. */
	public static final String REASON = "reason";

	/** {@code violation} or {@code clean}. */
	public static final String VERDICT = "verdict";

	private ModerationMeters() {
	}

}
