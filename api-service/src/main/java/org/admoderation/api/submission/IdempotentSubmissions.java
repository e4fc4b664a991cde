package org.admoderation.api.submission;

import java.util.List;
import java.util.Optional;

import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskRepository.CreatedTask;
import org.admoderation.common.task.TaskRepository.NewTask;
import org.admoderation.common.tracing.TaskTracing;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Submissions that carry an {@code Idempotency-Key}: within the window, a retry with the
 * same key and item gets the task the first request created and creates nothing; the same
 * key with another item is refused. The task and its key are committed together, so a
 * crash between them cannot leave a key without its task or a task its retry would not
 * find.
 * <p>
 * Two first uses of one key racing each other both insert a task; the key's primary key
 * makes the second wait for the first and then find the key taken, so its transaction
 * (and its task) is rolled back and it answers with the first one's task.
 */
@Service
public class IdempotentSubmissions {

	private static final int ATTEMPTS = 3;

	private static final int PURGE_SLICE = 10_000;

	private final JdbcClient jdbc;

	private final TaskRepository tasks;

	private final TransactionTemplate transactions;

	private final CommittedSubmissions committed;

	private final TaskTracing tracing;

	private final SubmissionProperties properties;

	public IdempotentSubmissions(JdbcClient jdbc, TaskRepository tasks, TransactionTemplate transactions,
			CommittedSubmissions committed, TaskTracing tracing, SubmissionProperties properties) {
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.transactions = transactions;
		this.committed = committed;
		this.tracing = tracing;
		this.properties = properties;
	}

	/**
	 * @param clientName the submitting client, whose webhooks receive the results; null
	 * for none
	 * @return the task for this key: created now, or by an earlier request with it
	 * @throws IdempotencyKeyReused when the key stands for another item
	 * @throws AdvertisementNotFound when the ad does not exist (nothing written, the key
	 * stays free)
	 */
	public Submitted submit(long itemId, String key, @Nullable String clientName) {
		NewTask task = new NewTask(itemId, this.tracing.currentTraceParent(), clientName);
		for (int attempt = 1;; attempt++) {
			try {
				Submitted submitted = this.transactions.execute((status) -> submitOnce(task, key));
				this.committed.committed(submitted.created() ? 1 : 0);
				return submitted;
			}
			catch (KeyTakenMeanwhile ex) {
				if (attempt >= ATTEMPTS) {
					throw new IllegalStateException("Idempotency-Key " + key + " kept changing hands", ex);
				}
			}
		}
	}

	private Submitted submitOnce(NewTask task, String key) {
		long itemId = task.itemId();
		Optional<StoredKey> stored = this.jdbc.sql("""
				select item_id, task_id from submission_keys
				where key = :key and created_at > now() - make_interval(secs => :windowSeconds)
				""")
			.param("key", key)
			.param("windowSeconds", windowSeconds())
			.query((rs, row) -> new StoredKey(rs.getLong("item_id"), rs.getLong("task_id")))
			.optional();
		if (stored.isPresent()) {
			if (stored.get().itemId() != itemId) {
				throw new IdempotencyKeyReused(stored.get().itemId(), itemId);
			}
			return new Submitted(stored.get().taskId(), false);
		}
		List<CreatedTask> created = this.tasks.create(List.of(task));
		if (created.isEmpty()) {
			throw new AdvertisementNotFound(itemId);
		}
		long taskId = created.get(0).id();
		// A new key, or an expired one taken over; a key another request stored meanwhile
		// and still valid is left alone (0 rows), and this transaction rolls back.
		int storedNow = this.jdbc.sql("""
				insert into submission_keys (key, item_id, task_id) values (:key, :itemId, :taskId)
				on conflict (key) do update
				    set item_id = excluded.item_id, task_id = excluded.task_id, created_at = now()
				    where submission_keys.created_at <= now() - make_interval(secs => :windowSeconds)
				""")
			.param("key", key)
			.param("itemId", itemId)
			.param("taskId", taskId)
			.param("windowSeconds", windowSeconds())
			.update();
		if (storedNow == 0) {
			throw new KeyTakenMeanwhile();
		}
		return new Submitted(taskId, true);
	}

	/**
	 * Forgets keys older than the window, in slices of 10,000 until none is left.
	 * @return how many keys were forgotten
	 */
	@Scheduled(fixedDelayString = "${moderation.submission.idempotency-purge-interval:10m}")
	public int purgeExpiredKeys() {
		int purged = 0;
		int slice;
		do {
			// The age is checked again on the row being deleted: a key taken over by a
			// new request since the subquery read it is fresh and stays.
			slice = this.jdbc.sql("""
					delete from submission_keys where key in (
					    select key from submission_keys
					    where created_at <= now() - make_interval(secs => :windowSeconds)
					    limit :slice)
					and created_at <= now() - make_interval(secs => :windowSeconds)
					""").param("windowSeconds", windowSeconds()).param("slice", PURGE_SLICE).update();
			purged += slice;
		}
		while (slice == PURGE_SLICE);
		return purged;
	}

	private double windowSeconds() {
		return this.properties.idempotencyWindow().toMillis() / 1000.0;
	}

	/**
	 * @param taskId the task the key stands for
	 * @param created whether this request created it (false: a replay)
	 */
	public record Submitted(long taskId, boolean created) {

	}

	private record StoredKey(long itemId, long taskId) {

	}

	/** Another request stored this key after we looked: roll back and read its task. */
	private static final class KeyTakenMeanwhile extends RuntimeException {

		KeyTakenMeanwhile() {
			super(null, null, false, false);
		}

	}

}
