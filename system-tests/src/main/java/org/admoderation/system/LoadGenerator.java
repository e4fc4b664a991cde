package org.admoderation.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submits moderation requests over HTTP at a steady rate from a few threads and remembers
 * every task the API accepted with 202: the set the invariants are checked against.
 */
final class LoadGenerator {

	private static final Pattern TASK_ID = Pattern.compile("\"task_id\"\\s*:\\s*(\\d+)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Set<Long> accepted = ConcurrentHashMap.newKeySet();

	private final AtomicInteger submitted = new AtomicInteger();

	private final AtomicInteger refused = new AtomicInteger();

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	/**
	 * Starts submitting {@code total} requests for the given ads at about
	 * {@code perSecond}.
	 */
	void start(int port, List<Long> itemIds, int total, int perSecond) {
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
		long start = System.nanoTime();
		for (int i = 0; i < total; i++) {
			long due = start + i * intervalNanos;
			long itemId = itemIds.get(i % itemIds.size());
			this.threads.submit(() -> {
				long wait = due - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				submit(port, itemId);
				return null;
			});
		}
		this.threads.shutdown();
	}

	private void submit(int port, long itemId) {
		this.submitted.incrementAndGet();
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/async_predict?item_id=" + itemId))
						.POST(HttpRequest.BodyPublishers.noBody())
						.timeout(Duration.ofSeconds(10))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher taskId = TASK_ID.matcher(response.body());
			if (response.statusCode() == 202 && taskId.find()) {
				this.accepted.add(Long.parseLong(taskId.group(1)));
			}
			else {
				this.refused.incrementAndGet();
			}
		}
		catch (Exception ex) {
			// The API is down or cut off: not accepted, so not owed a result.
			this.refused.incrementAndGet();
		}
	}

	int submitted() {
		return this.submitted.get();
	}

	void awaitDone() throws InterruptedException {
		this.threads.awaitTermination(5, TimeUnit.MINUTES);
	}

	Set<Long> accepted() {
		return this.accepted;
	}

	int refused() {
		return this.refused.get();
	}

}
