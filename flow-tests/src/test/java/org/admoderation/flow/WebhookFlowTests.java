package org.admoderation.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks on the real API, worker, database and broker, received by real HTTP servers: a
 * receiver that fails its first three calls gets the event on the fourth, signed as the
 * README tells receivers to check; only the submitting client's endpoints are called; an
 * endpoint that never answers does not hold back another's deliveries.
 */
@TestInstance(Lifecycle.PER_CLASS)
class WebhookFlowTests {

	private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);

	private static final String ADMIN_KEY = "webhook-admin-key-0123456789abcdef";

	private static final String SHOP_KEY = "webhook-shop-key-0123456789abcdef";

	private static final String OTHER_KEY = "webhook-other-key-0123456789abcdef";

	private static final String MARKET_KEY = "webhook-market-key-0123456789abcdef";

	private final ModerationSystem system = new ModerationSystem();

	private final List<AutoCloseable> receivers = new ArrayList<>();

	private FlowFixtures fixtures;

	private int apiPort;

	@BeforeAll
	void start() {
		this.apiPort = ModerationSystem.port(this.system.startApi("moderation.admin.api-key=" + ADMIN_KEY,
				"moderation.api.keys=shop:" + SHOP_KEY + ",other:" + OTHER_KEY + ",market:" + MARKET_KEY,
				"moderation.webhooks.poll-interval=100ms", "moderation.webhooks.first-retry=200ms",
				// Far longer than any wait below: an endpoint that never answers keeps
				// its
				// sends open throughout.
				"moderation.webhooks.request-timeout=120s"));
		this.fixtures = new FlowFixtures();
	}

	@AfterEach
	void stopWorkersAndReceivers() throws Exception {
		this.system.stopWorkers();
		for (AutoCloseable receiver : this.receivers) {
			receiver.close();
		}
		this.receivers.clear();
	}

	@AfterAll
	void stop() {
		this.system.close();
		this.fixtures.close();
	}

	@Test
	void aReceiverThatFailsItsFirstThreeCallsGetsTheSignedEventOnTheFourth() {
		Receiver receiver = receiver(3);
		JsonNode registered = register("shop-listings", "shop", receiver.url());
		String secret = registered.get("secret").stringValue();
		long endpointId = registered.get("endpoint").get("id").asLong();
		this.system.startWorker();

		long taskId = this.fixtures.submit(this.apiPort, this.fixtures.createAdvertisement(), "X-API-Key", SHOP_KEY);
		long othersTask = this.fixtures.submit(this.apiPort, this.fixtures.createAdvertisement(), "X-API-Key",
				OTHER_KEY);

		await().atMost(FLOW_TIMEOUT).until(() -> receiver.calls().size() >= 4);
		List<Call> calls = receiver.calls();
		assertThat(calls).extracting(Call::answered).startsWith(500, 500, 500, 200);
		Call delivered = calls.get(3);
		assertThat(signatureIsValid(secret, delivered)).as("signature of the delivered call").isTrue();
		assertThat(calls).allSatisfy((call) -> assertThat(signatureIsValid(secret, call)).isTrue());
		assertThat(calls.stream().map(Call::id).distinct()).as("one event: one id on every attempt").hasSize(1);
		assertThat(Math.abs(Instant.now().getEpochSecond() - delivered.timestamp())).isLessThan(300);
		JsonNode event = this.fixtures.json.readTree(delivered.body());
		assertThat(event.get("task_id").asLong()).isEqualTo(taskId);
		assertThat(event.get("sequence").asInt()).isEqualTo(1);
		assertThat(event.get("decision").stringValue()).isIn("approve", "review", "reject");

		// The other client's task ended too, and its result went to no endpoint of
		// shop's.
		await().atMost(FLOW_TIMEOUT).until(() -> !"pending".equals(this.fixtures.taskColumn(othersTask, "status")));
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.calls().size() == 4);
		assertThat(receiver.calls()).extracting(this::taskIdOf).doesNotContain(othersTask);

		JsonNode log = adminGet("/admin/webhooks/" + endpointId + "/deliveries");
		assertThat(log).hasSize(1);
		assertThat(log.get(0).get("state").stringValue()).isEqualTo("delivered");
		assertThat(log.get(0).get("attempts").asInt()).isEqualTo(4);
		JsonNode attempts = adminGet("/admin/webhooks/" + endpointId + "/deliveries/" + log.get(0).get("id").asLong())
			.get("attempt_log");
		List<Integer> statuses = new ArrayList<>();
		attempts.forEach((attempt) -> statuses.add(attempt.get("status_code").asInt()));
		assertThat(statuses).containsExactly(500, 500, 500, 200);
	}

	@Test
	void anEndpointThatNeverAnswersDoesNotDelayAnotherEndpointsDeliveries() {
		StalledEndpoint stalled = stalledEndpoint();
		Receiver healthy = receiver(0);
		long stalledId = register("market-stalled", "market", stalled.url()).get("endpoint").get("id").asLong();
		register("market-healthy", "market", healthy.url());
		this.system.startWorker();

		// More than the stalled endpoint may have open
		// (moderation.webhooks.max-in-flight-per-endpoint, 4).
		long itemId = this.fixtures.createAdvertisement();
		Set<Long> taskIds = new java.util.HashSet<>();
		for (int i = 0; i < 12; i++) {
			taskIds.add(this.fixtures.submit(this.apiPort, itemId, "X-API-Key", MARKET_KEY));
		}

		// Every event reaches the healthy endpoint while the stalled one's sends are
		// still
		// open: their timeout (120 s) is far off.
		await().atMost(FLOW_TIMEOUT)
			.until(() -> healthy.calls().stream().map(this::taskIdOf).collect(Collectors.toSet()).containsAll(taskIds));
		assertThat(stalled.connections()).isBetween(1, 4);
		JsonNode stalledLog = adminGet("/admin/webhooks/" + stalledId + "/deliveries");
		assertThat(stalledLog).hasSize(12);
		assertThat(stalledLog).allSatisfy((delivery) -> {
			assertThat(delivery.get("state").stringValue()).isEqualTo("pending");
			assertThat(delivery.has("last_attempt_at")).as("no send of it has ended").isFalse();
		});
	}

	private long taskIdOf(Call call) {
		return this.fixtures.json.readTree(call.body()).get("task_id").asLong();
	}

	private static boolean signatureIsValid(String secret, Call call) {
		try {
			return verify(secret, call.id(), Long.toString(call.timestamp()), call.signature(),
					call.body().getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The README's recipe for receivers ("Webhooks"), in Java, as printed there. */
	static boolean verify(String secret, String id, String timestamp, String signatures, byte[] body)
			throws GeneralSecurityException {
		if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
			return false; // too old: a replay
		}
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
		mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
		byte[] expected = mac.doFinal(body);
		return Arrays.stream(signatures.split(" "))
			.filter((s) -> s.startsWith("v1,"))
			.anyMatch((s) -> MessageDigest.isEqual(expected, Base64.getDecoder().decode(s.substring(3))));
	}

	@Test
	void theReadmePrintsTheJavaRecipeThisTestVerifiesWith() {
		String readme = FlowFixtures.repositoryFile("README.md").replaceAll("\\s+", " ");
		for (String line : new String[] {
				"mac.update((id + \".\" + timestamp + \".\").getBytes(StandardCharsets.UTF_8));",
				"byte[] expected = mac.doFinal(body);",
				"if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {",
				".anyMatch((s) -> MessageDigest.isEqual(expected, Base64.getDecoder().decode(s.substring(3))));" }) {
			assertThat(readme).contains(line);
		}
	}

	private JsonNode register(String name, String client, String url) {
		var response = this.fixtures.postJson(this.apiPort, "/admin/webhooks",
				"{\"name\": \"%s\", \"client\": \"%s\", \"url\": \"%s\"}".formatted(name, client, url), ADMIN_KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return this.fixtures.json.readTree(response.body());
	}

	private JsonNode adminGet(String path) {
		var response = this.fixtures.get(this.apiPort, path, "X-Admin-Key", ADMIN_KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.fixtures.json.readTree(response.body());
	}

	/** An HTTP server that answers 500 to its first {@code failures} calls, then 200. */
	private Receiver receiver(int failures) {
		Receiver receiver = new Receiver(failures);
		this.receivers.add(receiver);
		return receiver;
	}

	private StalledEndpoint stalledEndpoint() {
		StalledEndpoint endpoint = new StalledEndpoint();
		this.receivers.add(endpoint);
		return endpoint;
	}

	/** What a receiver was sent, and what it answered. */
	private record Call(String id, long timestamp, String signature, String body, int answered) {

	}

	private static final class Receiver implements AutoCloseable {

		private final HttpServer server;

		private final AtomicInteger failuresLeft;

		private final List<Call> calls = new CopyOnWriteArrayList<>();

		Receiver(int failures) {
			this.failuresLeft = new AtomicInteger(failures);
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.createContext("/hook", this::handle);
			this.server.setExecutor(Executors.newFixedThreadPool(4));
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
		}

		List<Call> calls() {
			return List.copyOf(this.calls);
		}

		private void handle(HttpExchange exchange) throws IOException {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			int status = (this.failuresLeft.getAndDecrement() > 0) ? 500 : 200;
			this.calls.add(new Call(exchange.getRequestHeaders().getFirst("webhook-id"),
					Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
					exchange.getRequestHeaders().getFirst("webhook-signature"), body, status));
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

	/** Accepts connections and never answers on them. */
	private static final class StalledEndpoint implements AutoCloseable {

		private final ServerSocket socket;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		StalledEndpoint() {
			try {
				this.socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Thread acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try {
						this.accepted.add(this.socket.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "stalled-endpoint");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.socket.getLocalPort() + "/hook";
		}

		int connections() {
			return this.accepted.size();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			for (Socket connection : this.accepted) {
				connection.close();
			}
		}

	}

}
