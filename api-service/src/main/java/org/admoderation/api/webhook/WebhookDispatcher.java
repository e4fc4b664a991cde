package org.admoderation.api.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.admoderation.api.webhook.WebhookDeliveries.Claimed;
import org.admoderation.api.webhook.WebhookDeliveries.Outcome;
import org.admoderation.common.metrics.ModerationMeters;
import org.admoderation.common.relay.RelayLoop;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;

/**
 * Sends the due deliveries: a loop claims them (at most
 * {@link WebhookProperties#maxInFlightPerEndpoint()} open sends per endpoint) and each is
 * POSTed without a thread waiting for it, on an HTTP client that follows no redirect and
 * gives up after {@link WebhookProperties#requestTimeout()}. An endpoint that never
 * answers thus holds its own few sends and nothing else: the other endpoints' deliveries
 * go out meanwhile, and the pipeline never waits for any receiver.
 * <p>
 * A 2xx answer delivers; anything else (another status, a refused connection, a timeout)
 * is retried after {@link WebhookProperties#firstRetry()}, doubling up to
 * {@link WebhookProperties#maxRetryInterval()}, with up to 20% less to spread retries
 * out, until {@link WebhookProperties#giveUpAfter()}.
 */
class WebhookDispatcher implements DisposableBean {

	static final String USER_AGENT = "ad-moderation-webhooks/1";

	private static final int MAX_ERROR_LENGTH = 500;

	private static final Logger logger = LoggerFactory.getLogger(WebhookDispatcher.class);

	private final WebhookDeliveries deliveries;

	private final WebhookProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final HttpClient http;

	private final ExecutorService outcomes;

	private final RelayLoop loop;

	/** Open sends per endpoint; an endpoint with none has no entry. */
	private final Map<Long, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	/** Open sends by delivery id, to hand back at shutdown. */
	private final Map<Long, Claimed> open = new ConcurrentHashMap<>();

	WebhookDispatcher(WebhookDeliveries deliveries, WebhookProperties properties, Clock clock, MeterRegistry meters) {
		this.deliveries = deliveries;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		this.outcomes = Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "webhook-outcomes");
			thread.setDaemon(true);
			return thread;
		});
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			// One connection per open send, no h2c upgrade a receiver may choke on.
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		this.loop = new RelayLoop("webhook-dispatcher", this::dispatchDue, properties.pollInterval(),
				Duration.ofSeconds(10));
	}

	/** The background loop; a bean of its own so the context starts and stops it. */
	RelayLoop loop() {
		return this.loop;
	}

	/**
	 * Claims and starts sending what is due.
	 * @return how many sends were started
	 */
	int dispatchDue() {
		if (!this.loop.isRunning()) {
			// Stopping: what is not sent yet waits in the table for the next replica.
			return 0;
		}
		Map<Long, Integer> busy = this.inFlight.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().get() > 0)
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().get()));
		List<Claimed> claimed = this.deliveries.claimDue(busy, this.properties.maxInFlightPerEndpoint(),
				this.properties.lease());
		claimed.forEach(this::send);
		return claimed.size();
	}

	/** Sends open now, over every endpoint. */
	int inFlight() {
		return this.inFlight.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	private void send(Claimed delivery) {
		this.open.put(delivery.id(), delivery);
		this.inFlight.compute(delivery.endpointId(), (id, count) -> {
			AtomicInteger sends = (count != null) ? count : new AtomicInteger();
			sends.incrementAndGet();
			return sends;
		});
		Instant attemptedAt = this.clock.instant();
		long started = System.nanoTime();
		CompletableFuture<HttpResponse<InputStream>> response;
		try {
			// The client's connect and request timeouts bound the exchange up to the
			// answer's headers; the body is not read.
			response = this.http.sendAsync(request(delivery, attemptedAt), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (RuntimeException ex) {
			response = CompletableFuture.failedFuture(ex);
		}
		response.whenCompleteAsync((answer, error) -> finish(delivery, attemptedAt, started, answer, error),
				this.outcomes);
	}

	private HttpRequest request(Claimed delivery, Instant attemptedAt) {
		// The event's id: the same on every attempt and at every endpoint, what a
		// receiver de-duplicates on.
		String id = "evt_" + delivery.eventId();
		long timestamp = attemptedAt.getEpochSecond();
		return HttpRequest.newBuilder(delivery.uri())
			.timeout(this.properties.requestTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", USER_AGENT)
			.header(WebhookSignature.ID_HEADER, id)
			.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
			.header(WebhookSignature.SIGNATURE_HEADER,
					WebhookSignature.header(delivery.secrets(), id, timestamp, delivery.payload()))
			.POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
			.build();
	}

	private void finish(Claimed delivery, Instant attemptedAt, long started, @Nullable HttpResponse<InputStream> answer,
			@Nullable Throwable error) {
		Duration duration = Duration.ofNanos(System.nanoTime() - started);
		Integer status = null;
		String failure;
		if (answer != null) {
			status = answer.statusCode();
			discard(answer);
			failure = (status >= 200 && status < 300) ? null : "HTTP " + status;
		}
		else {
			failure = describe(error);
		}
		Outcome outcome = new Outcome(attemptedAt, duration, status, failure);
		try {
			Optional<String> state = this.deliveries.record(delivery, outcome, retryAfter(delivery.retry()),
					this.properties.giveUpAfter());
			state.ifPresent((now) -> count(delivery, outcome, now));
			if (failure != null) {
				logger.debug("Webhook {}: delivery {} attempt {} failed ({}), now {}", delivery.endpointName(),
						delivery.id(), delivery.attempt(), failure, state.orElse("claimed again"));
			}
		}
		catch (DataAccessException ex) {
			// Its lease runs out and it is sent again: at least once.
			logger.warn("Webhook {}: the outcome of delivery {} was not recorded ({}); it will be sent again",
					delivery.endpointName(), delivery.id(), ex.toString());
		}
		finally {
			// Only this send's entry: a redelivery may have started another of it.
			this.open.remove(delivery.id(), delivery);
			this.inFlight.computeIfPresent(delivery.endpointId(),
					(id, count) -> (count.decrementAndGet() > 0) ? count : null);
			this.loop.wakeUp();
		}
	}

	private void count(Claimed delivery, Outcome outcome, String state) {
		String result = switch (state) {
			case "delivered" -> "delivered";
			case "failed" -> "given_up";
			default -> "failed";
		};
		Counter.builder(ModerationMeters.WEBHOOK_DELIVERIES)
			.description("Webhook sends by outcome: delivered (2xx), failed (retried later), given_up (failed for "
					+ "moderation.webhooks.give-up-after)")
			.tag(ModerationMeters.ENDPOINT, delivery.endpointName())
			.tag("outcome", result)
			.register(this.meters)
			.increment();
		Timer.builder(ModerationMeters.WEBHOOK_LATENCY)
			.description("How long receivers took to answer a webhook send (or to fail it)")
			.tag(ModerationMeters.ENDPOINT, delivery.endpointName())
			.tag("outcome", outcome.delivered() ? "delivered" : "failed")
			.register(this.meters)
			.record(outcome.duration());
	}

	/** The wait after this attempt failed: the backoff, less up to 20% at random. */
	private Duration retryAfter(int attempt) {
		Duration backoff = this.properties.retryAfter(attempt);
		return backoff.minusMillis((long) (backoff.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble()));
	}

	/**
	 * Closing the body unread ends the exchange: a receiver's endless answer is not read.
	 */
	private static void discard(HttpResponse<InputStream> answer) {
		try (InputStream body = answer.body()) {
			// nothing to read
		}
		catch (IOException ex) {
			logger.trace("Webhook answer's body not closed cleanly", ex);
		}
	}

	private static String describe(@Nullable Throwable error) {
		Throwable cause = error;
		while (cause != null && cause.getCause() != null
				&& (cause instanceof java.util.concurrent.CompletionException || cause.getMessage() == null)) {
			cause = cause.getCause();
		}
		if (cause instanceof HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
			return "No answer in time";
		}
		String text = (cause != null) ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : "No answer";
		return (text.length() > MAX_ERROR_LENGTH) ? text.substring(0, MAX_ERROR_LENGTH) : text;
	}

	/**
	 * The sends still open when the service stops (its loop stopped first, so nothing new
	 * starts) get a second to end; the rest are handed back, due at once, so another
	 * replica sends them now rather than once their lease runs out.
	 */
	@Override
	public void destroy() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
		while (!this.open.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		List<Claimed> unfinished = List.copyOf(this.open.values());
		if (!unfinished.isEmpty()) {
			try {
				this.deliveries.release(unfinished);
			}
			catch (DataAccessException ex) {
				logger.warn("{} webhook sends open at shutdown are sent again once their lease ends: {}",
						unfinished.size(), ex.toString());
			}
		}
		this.outcomes.shutdownNow();
	}

}
