package org.admoderation.api.review;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.admoderation.api.ApiApplication;
import org.admoderation.common.review.ReviewQueue;
import org.admoderation.common.review.ReviewQueue.Cause;
import org.admoderation.common.task.TaskRepository;
import org.admoderation.common.task.TaskRepository.Verdict;
import org.admoderation.testsupport.UseRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Human review through the API on a real PostgreSQL: reviewers alice and bob, the
 * operator, a client and the metrics key. The items are stored as the worker stores them
 * (the task repository and the review queue).
 */
@SpringBootTest(properties = { "spring.config.name=" + ApiApplication.CONFIG_NAME,
		"moderation.reviewers.keys=alice:alice-key-0123456789, bob:bob-key-0123456789, carol:carol-key-0123456789",
		"moderation.admin.api-key=" + ReviewIntegrationTests.OPERATOR_KEY,
		"moderation.admin.metrics-key=metrics-key-0123456789", "moderation.api.keys=shop:shop-key-0123456789" })
@AutoConfigureMockMvc
@UseRealInfrastructure
class ReviewIntegrationTests {

	static final String OPERATOR_KEY = "operator-key-0123456789";

	private static final String ALICE = "alice-key-0123456789";

	private static final String BOB = "bob-key-0123456789";

	/**
	 * Carol reviews only in the statistics' test, and only ads whose strongest reason is
	 * spam.
	 */
	private static final String CAROL = "carol-key-0123456789";

	private static final String SPAM_REASONS = """
			[{"code": "spam", "score": 0.9, "evidence": []}]""";

	private static final String CONTACTS_REASONS = """
			[{"code": "contacts_in_text", "score": 0.62, "evidence": [{"field": "description", "start": 0,
			  "end": 16, "text": "+7 926 111 22 33"}]}]""";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TaskRepository tasks;

	@Autowired
	private ReviewQueue queue;

	@BeforeEach
	void emptyQueue() {
		this.jdbc.sql("delete from review_queue").update();
	}

	@Test
	void aReviewerClaimsTheModelsReviewDecisionAndItsVerdictBecomesTheResult() {
		long taskId = decidedByTheModel("review", CONTACTS_REASONS, true);

		MvcTestResult claim = claim(ALICE);

		assertThat(claim).hasStatusOk().bodyJson().extractingPath("$.task_id").asNumber().isEqualTo((int) taskId);
		assertThat(claim).bodyJson().extractingPath("$.cause").isEqualTo("review");
		assertThat(claim).bodyJson()
			.extractingPath("$.advertisement.description")
			.asString()
			.startsWith("+7 926 111 22 33");
		assertThat(claim).bodyJson().extractingPath("$.advertisement.seller_verified").isEqualTo(false);
		assertThat(claim).bodyJson().extractingPath("$.result.decision").isEqualTo("review");
		assertThat(claim).bodyJson()
			.extractingPath("$.result.reasons[0].evidence[0].text")
			.isEqualTo("+7 926 111 22 33");
		assertThat(claim).bodyJson().extractingPath("$.result.model_version").isEqualTo("m:1");
		assertThat(claim).bodyJson().extractingPath("$.queue_depth").isEqualTo(1);

		MvcTestResult reviewed = review(taskId, ALICE, "{\"verdict\": \"reject\", \"reason_code\": "
				+ "\"contacts_in_text\", \"note\": \"телефон в описании\"}");

		assertThat(reviewed).hasStatusOk().bodyJson().extractingPath("$.decision").isEqualTo("reject");
		MvcTestResult result = this.mvc.get()
			.uri("/moderation_result/" + taskId)
			.header("X-API-Key", "shop-key-0123456789")
			.exchange();
		assertThat(result).bodyJson().extractingPath("$.decision").isEqualTo("reject");
		assertThat(result).bodyJson().extractingPath("$.is_violation").isEqualTo(true);
		assertThat(result).bodyJson().extractingPath("$.model_decision").isEqualTo("review");
		assertThat(result).bodyJson().extractingPath("$.decided_by").isEqualTo("alice");
		assertThat(result).bodyJson().extractingPath("$.reviewed_at").isNotNull();
		assertThat(auditTrail(taskId)).containsExactly("1 model m:1 review  ",
				"2 reviewer alice reject contacts_in_text телефон в описании");
		assertThat(claim(BOB)).as("the decided item left the queue").hasStatus(204);
	}

	@Test
	void theSameVerdictAgainChangesNothingAnotherIsAConflictUnlessTheOperatorGivesIt() {
		long taskId = decidedByTheModel("reject", CONTACTS_REASONS, false);
		assertThat(review(taskId, ALICE, "{\"verdict\": \"approve\"}")).hasStatusOk();

		assertThat(review(taskId, ALICE, "{\"verdict\": \"approve\"}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.decided_by")
			.isEqualTo("alice");
		MvcTestResult conflict = review(taskId, BOB, "{\"verdict\": \"reject\", \"reason_code\": \"spam\"}");
		assertThat(conflict).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(conflict).bodyJson().extractingPath("$.detail").asString().contains("alice");
		MvcTestResult overridden = this.mvc.post()
			.uri("/moderation_result/" + taskId + "/review")
			.header("X-Admin-Key", OPERATOR_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"verdict\": \"reject\", \"reason_code\": \"contacts_in_text\"}")
			.exchange();

		assertThat(overridden).hasStatusOk().bodyJson().extractingPath("$.decided_by").isEqualTo("operator");
		assertThat(auditTrail(taskId)).containsExactly("1 model m:1 reject  ", "2 reviewer alice approve  ",
				"3 operator operator reject contacts_in_text ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"verdict\": \"review\"}", "{\"verdict\": \"reject\"}", "{}",
			"{\"verdict\": \"reject\", \"reason_code\": \"ugly\"}", "{\"verdict\": \"approve\", \"reason_code\": \"\"}",
			"{\"verdict\": \"approve\", \"note\": 5", "[]", "{\"verdict\": \"approve\", \"note\": \"a\\u0000b\"}" })
	void anInvalidVerdictIsABadRequestAndWritesNothing(String body) {
		long taskId = decidedByTheModel("review", CONTACTS_REASONS, true);

		assertThat(review(taskId, ALICE, body)).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);

		assertThat(auditTrail(taskId)).hasSize(1);
		assertThat(this.jdbc.sql("select decision from moderation_results where id = :id")
			.param("id", taskId)
			.query(String.class)
			.single()).isEqualTo("review");
	}

	@Test
	void aNoteLongerThanTheLimitIsABadRequest() {
		long taskId = decidedByTheModel("review", CONTACTS_REASONS, true);

		assertThat(review(taskId, ALICE, "{\"verdict\": \"approve\", \"note\": \"" + "x".repeat(2001) + "\"}"))
			.hasStatus(400);
	}

	@Test
	void onlyADecidedTaskCanBeReviewed() {
		long pending = this.jdbc.sql("insert into moderation_results (item_id) values (:item) returning id")
			.param("item", advertisement())
			.query(Long.class)
			.single();

		assertThat(review(pending, ALICE, "{\"verdict\": \"approve\"}")).hasStatus(409);
		assertThat(review(Long.MAX_VALUE, ALICE, "{\"verdict\": \"approve\"}")).hasStatus(404);
		assertThat(review(0, ALICE, "{\"verdict\": \"approve\"}")).hasStatus(400);
	}

	@Test
	void onlyReviewersAndTheOperatorReachTheReviewEndpoints() {
		long taskId = decidedByTheModel("review", CONTACTS_REASONS, true);

		assertThat(this.mvc.post().uri("/review/claim").exchange()).hasStatus(401);
		assertThat(this.mvc.post().uri("/review/claim").header("X-API-Key", "shop-key-0123456789").exchange())
			.hasStatus(403);
		assertThat(
				this.mvc.get().uri("/review/stats").header("Authorization", "Bearer metrics-key-0123456789").exchange())
			.hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/moderation_result/" + taskId + "/review")
			.header("X-API-Key", "shop-key-0123456789")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"verdict\": \"approve\"}")
			.exchange()).as("a client cannot review its own ads").hasStatus(403);
		assertThat(this.mvc.post().uri("/review/claim").header("X-Admin-Key", OPERATOR_KEY).exchange()).hasStatusOk();
		assertThat(auditTrail(taskId)).hasSize(1);
	}

	@Test
	void aSkippedItemGoesToAnotherReviewer() {
		long taskId = decidedByTheModel("review", CONTACTS_REASONS, true);
		assertThat(claim(ALICE)).hasStatusOk();

		assertThat(this.mvc.post().uri("/review/" + taskId + "/skip").header("X-API-Key", ALICE).exchange())
			.hasStatus(204);

		assertThat(claim(ALICE)).hasStatus(204);
		assertThat(claim(BOB)).hasStatusOk().bodyJson().extractingPath("$.task_id").asNumber().isEqualTo((int) taskId);
		assertThat(this.mvc.post().uri("/review/" + Long.MAX_VALUE + "/skip").header("X-API-Key", ALICE).exchange())
			.hasStatus(404);
	}

	@Test
	void statsShowTheQueueTheReviewersAndAgreementPerPolicy() {
		long agreed = decidedByTheModel("reject", SPAM_REASONS, false);
		long disagreed = decidedByTheModel("reject", SPAM_REASONS, false);
		long asked = decidedByTheModel("review", SPAM_REASONS, false);
		decidedByTheModel("review", "[]", true);
		review(agreed, CAROL, "{\"verdict\": \"reject\", \"reason_code\": \"spam\"}");
		review(disagreed, CAROL, "{\"verdict\": \"approve\"}");
		review(asked, CAROL, "{\"verdict\": \"approve\"}");

		MvcTestResult stats = this.mvc.get().uri("/review/stats").header("X-API-Key", BOB).exchange();

		assertThat(stats).hasStatusOk().bodyJson().extractingPath("$.queue.depth").isEqualTo(1);
		assertThat(stats).bodyJson().extractingPath("$.queue.reviews").isEqualTo(1);
		assertThat(stats).bodyJson().extractingPath("$.queue.oldest_age_seconds").isNotNull();
		assertThat(stats).bodyJson()
			.extractingPath("$.reviewers[?(@.name == 'carol')].decisions")
			.asArray()
			.containsExactly(3);
		assertThat(stats).bodyJson()
			.extractingPath("$.reviewers[?(@.name == 'carol')].rejected")
			.asArray()
			.containsExactly(1);
		String spam = "$.policies[?(@.policy == 'spam')]";
		assertThat(stats).bodyJson().extractingPath(spam + ".reviewed").asArray().containsExactly(3);
		assertThat(stats).bodyJson().extractingPath(spam + ".counts.reject.approve").asArray().containsExactly(1);
		assertThat(stats).bodyJson().extractingPath(spam + ".counts.reject.reject").asArray().containsExactly(1);
		assertThat(stats).bodyJson().extractingPath(spam + ".counts.review.approve").asArray().containsExactly(1);
		assertThat(stats).bodyJson().extractingPath(spam + ".agreement").asArray().containsExactly(0.5);
		assertThat(stats).bodyJson().extractingPath("$.agreement").isNotNull();
	}

	@Test
	void twoReviewersDecidingOneTaskAtOnceLeaveOneVerdictAndAConflict() throws Exception {
		long taskId = decidedByTheModel("review", CONTACTS_REASONS, true);
		CyclicBarrier together = new CyclicBarrier(2);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> alice = pool.submit(() -> {
				together.await();
				return review(taskId, ALICE, "{\"verdict\": \"approve\"}").getResponse().getStatus();
			});
			Future<Integer> bob = pool.submit(() -> {
				together.await();
				return review(taskId, BOB, "{\"verdict\": \"reject\", \"reason_code\": \"contacts_in_text\"}")
					.getResponse()
					.getStatus();
			});

			assertThat(List.of(alice.get(), bob.get())).containsExactlyInAnyOrder(200, 409);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(auditTrail(taskId)).hasSize(2).first().asString().startsWith("1 model");
	}

	@Test
	void aTaskDecidedBeforeTheAuditTrailKeepsItsModelsDecisionWhenReviewed() {
		long taskId = this.jdbc.sql("""
				insert into moderation_results (item_id, status, is_violation, probability, model_version, attempts,
				                                processed_at, publish_due_at, decision, reasons)
				values (:item, 'completed', true, 0.93, 'moderation-policies:2', 1, now(), null, 'reject', '[]')
				returning id
				""").param("item", advertisement()).query(Long.class).single();

		MvcTestResult reviewed = review(taskId, ALICE, "{\"verdict\": \"approve\"}");

		assertThat(reviewed).hasStatusOk().bodyJson().extractingPath("$.model_decision").isEqualTo("reject");
		assertThat(auditTrail(taskId)).containsExactly("1 model moderation-policies:2 reject  ",
				"2 reviewer alice approve  ");
	}

	@Test
	void theLabelsExportStreamsReviewedAdsAsJsonLinesSinceAnInstant() throws Exception {
		long taskId = decidedByTheModel("review", CONTACTS_REASONS, true);
		review(taskId, ALICE, "{\"verdict\": \"reject\", \"reason_code\": \"contacts_in_text\"}");
		String reviewedAt = this.jdbc
			.sql("select to_char(reviewed_at at time zone 'UTC', "
					+ "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from moderation_results where id = :id")
			.param("id", taskId)
			.query(String.class)
			.single();

		MvcTestResult export = this.mvc.get()
			.uri("/review/labels?since=" + reviewedAt)
			.header("X-API-Key", BOB)
			.exchange();

		assertThat(export).hasStatusOk().hasContentTypeCompatibleWith("application/x-ndjson");
		List<String> lines = export.getResponse().getContentAsString().lines().toList();
		assertThat(lines).isNotEmpty().allMatch((line) -> line.startsWith("{") && line.endsWith("}"));
		assertThat(lines.get(lines.size() - 1)).contains("\"task_id\":" + taskId)
			.contains("\"verdict\":\"reject\"")
			.contains("\"reason_code\":\"contacts_in_text\"")
			.contains("\"reviewer\":\"alice\"")
			.contains("\"model_decision\":\"review\"")
			.contains("\"description\":\"+7 926 111 22 33");
		assertThat(this.mvc.get()
			.uri("/review/labels?since=2999-01-01T00:00:00Z")
			.header("X-API-Key", BOB)
			.exchange()
			.getResponse()
			.getContentAsString()).isEmpty();
		for (String since : new String[] { "yesterday", "", "2026-12-01", "Tue, 1 Dec 2026 10:00:00 GMT" }) {
			assertThat(this.mvc.get().uri("/review/labels?since={since}", since).header("X-API-Key", BOB).exchange())
				.as(since)
				.hasStatus(400);
		}
	}

	private long decidedByTheModel(String decision, String reasons, boolean queued) {
		long taskId = this.jdbc.sql("insert into moderation_results (item_id) values (:item) returning id")
			.param("item", advertisement())
			.query(Long.class)
			.single();
		this.tasks.complete(List.of(new Verdict(taskId, decision, decision.equals("reject"), 0.6, reasons)), "m:1");
		if (queued) {
			this.queue.enqueue(Map.of(taskId, Cause.REVIEW));
		}
		return taskId;
	}

	private long advertisement() {
		long seller = this.jdbc.sql("insert into sellers (name, is_verified) values ('review', false) returning id")
			.query(Long.class)
			.single();
		return this.jdbc.sql("""
				insert into advertisements (seller_id, title, description, category, price, images_qty)
				values (:seller, 'Диван', '+7 926 111 22 33, звоните', 3, 12000, 2) returning id
				""").param("seller", seller).query(Long.class).single();
	}

	private MvcTestResult claim(String key) {
		return this.mvc.post().uri("/review/claim").header("X-API-Key", key).exchange();
	}

	private MvcTestResult review(long taskId, String key, String body) {
		return this.mvc.post()
			.uri("/moderation_result/" + taskId + "/review")
			.header("X-API-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private List<String> auditTrail(long taskId) {
		return this.jdbc.sql("""
				select sequence || ' ' || actor_kind || ' ' || actor || ' ' || decision || ' '
				       || coalesce(reason_code, '') || ' ' || coalesce(note, '')
				from decisions where task_id = :id order by sequence
				""").param("id", taskId).query(String.class).list();
	}

}
