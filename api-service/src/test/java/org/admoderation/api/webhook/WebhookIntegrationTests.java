package org.admoderation.api.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.admoderation.api.ApiApplication;
import org.admoderation.api.webhook.WebhookDeliveries.Claimed;
import org.admoderation.api.webhook.WebhookDeliveries.Outcome;
import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskRepository.NewTask;
import org.admoderation.testsupport.UseRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Endpoints and deliveries on a real PostgreSQL, with the dispatcher off so that the test
 * plays it: the database fans an event out to the submitting client's endpoints and the
 * catch-all ones, claims respect each endpoint's open sends and a send's lease, failures
 * are retried until the give-up time, a late outcome changes nothing, and an operator
 * redelivers.
 */
@SpringBootTest(properties = { "spring.config.name=" + ApiApplication.CONFIG_NAME,
		"moderation.admin.api-key=" + WebhookIntegrationTests.ADMIN_KEY, "moderation.webhooks.enabled=false",
		"moderation.outbox.relay-enabled=false" })
@AutoConfigureMockMvc
@UseRealInfrastructure
class WebhookIntegrationTests {

	static final String ADMIN_KEY = "webhook-integration-key-0123456789";

	private static final Duration LEASE = Duration.ofMinutes(1);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TaskRepository tasks;

	@Autowired
	private WebhookDeliveries deliveries;

	@BeforeEach
	void noEndpoints() {
		this.jdbc.sql("delete from webhook_endpoints").update();
	}

	@Test
	void anEventGoesToTheSubmittingClientsEndpointsAndTheCatchAllOnesOnly() {
		long shop = register("shop-hook", "shop");
		long everyone = register("audit-hook", null);
		long other = register("other-hook", "other");

		long taskId = endedTask("shop");

		assertThat(deliveredTo(taskId)).containsExactlyInAnyOrder(shop, everyone);
		assertThat(deliveredTo(taskId)).doesNotContain(other);
		assertThat(deliveredTo(endedTask(null))).containsExactly(everyone);
	}

	@Test
	void aClaimTakesWhatAnEndpointMayStillHaveOpenAndLeasesIt() {
		long shop = register("shop-hook", "shop");
		for (int i = 0; i < 5; i++) {
			endedTask("shop");
		}

		List<Claimed> first = this.deliveries.claimDue(Map.of(shop, 1), 4, LEASE);
		List<Claimed> second = this.deliveries.claimDue(Map.of(), 4, LEASE);
		List<Claimed> third = this.deliveries.claimDue(Map.of(), 4, LEASE);

		assertThat(first).hasSize(3).allSatisfy((claimed) -> assertThat(claimed.attempt()).isEqualTo(1));
		assertThat(second).as("the two left; the three claimed are leased").hasSize(2);
		assertThat(third).isEmpty();
		assertThat(first.get(0).secrets()).hasSize(1);
		assertThat(first.get(0).payload()).contains("\"status\": \"failed\"");
	}

	@Test
	void aFailedSendIsRetriedUntilTheGiveUpTimeThenFailedUntilRedelivered() {
		long shop = register("shop-hook", "shop");
		endedTask("shop");
		Claimed claimed = this.deliveries.claimDue(Map.of(), 4, LEASE).get(0);

		assertThat(this.deliveries.record(claimed, failure(503), Duration.ZERO, Duration.ofHours(24)))
			.contains("pending");
		Claimed retried = this.deliveries.claimDue(Map.of(), 4, LEASE).get(0);
		assertThat(retried.attempt()).isEqualTo(2);
		assertThat(this.deliveries.record(claimed, failure(500), Duration.ZERO, Duration.ofHours(24)))
			.as("the first send's outcome, arriving after the second began")
			.isEmpty();
		assertThat(this.deliveries.record(retried, failure(500), Duration.ofMinutes(1), Duration.ofSeconds(30)))
			.as("the next try would be after the give-up time")
			.contains("failed");

		WebhookDelivery failed = this.deliveries.find(shop, retried.id()).orElseThrow();
		assertThat(failed.state()).isEqualTo("failed");
		assertThat(failed.attempts()).isEqualTo(2);
		assertThat(failed.lastStatusCode()).isEqualTo(500);
		assertThat(failed.attemptLog()).extracting(WebhookDelivery.Attempt::statusCode).containsExactly(503, 500, 500);

		MvcTestResult redelivered = this.mvc.post()
			.uri("/admin/webhooks/{id}/redeliver-failed", shop)
			.header("X-Admin-Key", ADMIN_KEY)
			.exchange();
		assertThat(redelivered).hasStatusOk().bodyJson().extractingPath("$.redelivered").isEqualTo(1);
		Claimed again = this.deliveries.claimDue(Map.of(), 4, LEASE).get(0);
		assertThat(this.deliveries.record(again, delivered(), Duration.ZERO, Duration.ofHours(24)))
			.contains("delivered");
		assertThat(this.deliveries.log(shop, "delivered", 10)).hasSize(1);
	}

	@Test
	void theAdminApiRegistersListsRotatesAndRemovesWithoutShowingSecrets() throws Exception {
		MvcTestResult registered = admin(this.mvc.post()
			.uri("/admin/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"shop-hook\", \"client\": \"shop\", \"url\": \"https://shop.example.com/hook\"}"));
		assertThat(registered).hasStatus(201).bodyJson().extractingPath("$.secret").asString().startsWith("whsec_");
		long id = ((Number) com.jayway.jsonpath.JsonPath.read(registered.getResponse().getContentAsString(),
				"$.endpoint.id"))
			.longValue();

		assertThat(admin(this.mvc.post()
			.uri("/admin/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"shop-hook\", \"client\": \"*\", \"url\": \"https://shop.example.com/other\"}")))
			.hasStatus(409);
		assertThat(admin(this.mvc.post()
			.uri("/admin/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"everyone\", \"url\": \"https://shop.example.com/other\"}")))
			.as("every client's results only when asked for: client *")
			.hasStatus(400);
		assertThat(admin(this.mvc.post()
			.uri("/admin/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"bad\", \"url\": \"file:///etc/passwd\"}"))).hasStatus(400);
		assertThat(admin(this.mvc.post()
			.uri("/admin/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": false, \"url\": \"https://shop.example.com/hook\"}"))).hasStatus(400);
		MvcTestResult list = admin(this.mvc.get().uri("/admin/webhooks"));
		assertThat(list).hasStatusOk().bodyJson().extractingPath("$[0].name").isEqualTo("shop-hook");
		assertThat(list.getResponse().getContentAsString()).doesNotContain("whsec_");

		assertThat(admin(this.mvc.post().uri("/admin/webhooks/{id}/rotate-secret", id))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.endpoint.previous_secret_until")
			.isNotNull();
		endedTask("shop");
		assertThat(this.deliveries.claimDue(Map.of(), 4, LEASE).get(0).secrets()).as("current and previous").hasSize(2);

		assertThat(admin(this.mvc.get().uri("/admin/webhooks/{id}/deliveries?state=lost", id))).hasStatus(400);
		assertThat(admin(this.mvc.get().uri("/admin/webhooks/{id}/deliveries?limit=0", id))).hasStatus(400);
		assertThat(admin(this.mvc.delete().uri("/admin/webhooks/{id}", id))).hasStatus(204);
		assertThat(admin(this.mvc.get().uri("/admin/webhooks/{id}/deliveries", id))).hasStatus(404);
		long afterRemoval = endedTask("shop");
		assertThat(deliveredTo(afterRemoval)).as("nothing for a removed endpoint").isEmpty();
		assertThat(this.deliveries.claimDue(Map.of(), 4, LEASE)).as("nor what it had pending").isEmpty();
		assertThat(this.mvc.get().uri("/admin/webhooks").exchange()).as("no key").hasStatus(401);
	}

	@Test
	void aRedeliveryStartsTheBackoffAgainAndOutranksTheSendItInterrupts() {
		long shop = register("shop-hook", "shop");
		endedTask("shop");
		Claimed first = this.deliveries.claimDue(Map.of(), 4, LEASE).get(0);
		this.deliveries.record(first, failure(500), Duration.ZERO, Duration.ofHours(24));
		Claimed second = this.deliveries.claimDue(Map.of(), 4, LEASE).get(0);
		assertThat(second.retry()).isEqualTo(2);

		// The operator redelivers while the second send is still open.
		assertThat(this.deliveries.redeliver(shop, second.id())).isTrue();
		assertThat(this.deliveries.record(second, delivered(), Duration.ZERO, Duration.ofHours(24)))
			.as("the interrupted send's outcome")
			.isEmpty();
		Claimed redelivered = this.deliveries.claimDue(Map.of(), 4, LEASE).get(0);

		assertThat(redelivered.attempt()).isEqualTo(3);
		assertThat(redelivered.retry()).as("the first retry of a new period: the shortest wait").isEqualTo(1);
		assertThat(this.deliveries.record(redelivered, delivered(), Duration.ZERO, Duration.ofHours(24)))
			.contains("delivered");
	}

	@Test
	void theLogForgetsEndedDeliveriesPastTheRetentionAndRemovedEndpointsEntirely() {
		long shop = register("shop-hook", "shop");
		long removed = register("removed-hook", "shop");
		endedTask("shop");
		endedTask("shop");
		List<Claimed> claimed = this.deliveries.claimDue(Map.of(), 4, LEASE)
			.stream()
			.filter((delivery) -> delivery.endpointId() == shop)
			.toList();
		this.deliveries.record(claimed.get(0), delivered(), Duration.ZERO, Duration.ofHours(24));
		this.jdbc.sql("update webhook_deliveries set delivered_at = now() - interval '31 days' where id = :id")
			.param("id", claimed.get(0).id())
			.update();
		this.jdbc.sql("update webhook_endpoints set deleted_at = now() - interval '2 hours' where id = :id")
			.param("id", removed)
			.update();

		assertThat(this.deliveries.purge(Duration.ofDays(30))).as("the old delivery and the removed endpoint's two")
			.isEqualTo(3);

		assertThat(this.deliveries.log(shop, null, 10)).extracting(WebhookDelivery::id)
			.containsExactly(claimed.get(1).id());
		assertThat(this.jdbc.sql("select count(*) from webhook_endpoints where id = :id")
			.param("id", removed)
			.query(Long.class)
			.single()).isZero();
	}

	private MvcTestResult admin(MockMvcTester.MockMvcRequestBuilder request) {
		return request.header("X-Admin-Key", ADMIN_KEY).exchange();
	}

	private long register(String name, String client) {
		return this.jdbc.sql(
				"insert into webhook_endpoints (name, client_name, url, secret) values (:name, :client, :url, :secret) "
						+ "returning id")
			.param("name", name)
			.param("client", client)
			.param("url", "http://127.0.0.1:9/" + name)
			.param("secret", WebhookSignature.newSecret())
			.query(Long.class)
			.single();
	}

	/** A task of this client that ended (failed), which writes its result event. */
	private long endedTask(String client) {
		long sellerId = this.jdbc.sql("insert into sellers (name, is_verified) values ('webhooks', true) returning id")
			.query(Long.class)
			.single();
		long itemId = this.jdbc.sql("""
				insert into advertisements (seller_id, title, description, category, price, images_qty)
				values (:sellerId, 'Ноутбук', 'Ноутбук в хорошем состоянии.', 1, 35000, 4) returning id
				""").param("sellerId", sellerId).query(Long.class).single();
		long taskId = this.tasks.create(List.of(new NewTask(itemId, null, client))).get(0).id();
		assertThat(this.tasks.giveUp(taskId, "test")).isTrue();
		return taskId;
	}

	private List<Long> deliveredTo(long taskId) {
		return this.jdbc.sql("""
				select d.endpoint_id from webhook_deliveries d join result_events e on e.id = d.event_id
				where e.task_id = :taskId
				""").param("taskId", taskId).query(Long.class).list();
	}

	private static Outcome failure(int status) {
		return new Outcome(Instant.now(), Duration.ofMillis(12), status, "HTTP " + status);
	}

	private static Outcome delivered() {
		return new Outcome(Instant.now(), Duration.ofMillis(12), 200, null);
	}

}
