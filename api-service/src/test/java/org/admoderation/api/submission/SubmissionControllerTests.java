package org.admoderation.api.submission;

import org.admoderation.api.ApiApplication;
import org.admoderation.api.security.ApiSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;

@WebMvcTest(controllers = SubmissionController.class, properties = "spring.config.name=" + ApiApplication.CONFIG_NAME)
@Import(ApiSecurity.class)
class SubmissionControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private SubmissionService submissions;

	@MockitoBean
	private IdempotentSubmissions idempotentSubmissions;

	@Test
	void acceptedSubmissionAnswersTheSeedBodyWithLocation() {
		given(this.submissions.submit(123, null)).willReturn(7L);

		MvcTestResult result = this.mvc.post().uri("/async_predict?item_id=123").exchange();

		assertThat(result).hasStatus(202).hasHeader("Location", "/moderation_result/7");
		assertThat(result).bodyJson()
			.isStrictlyEqualTo(
					"{\"task_id\": 7, \"status\": \"pending\", \"message\": \"Moderation request accepted\"}");
	}

	/**
	 * Clients may start sending their keys before the API requires them, so that keys can
	 * be rolled out to clients first.
	 */
	@Test
	void whileNoClientKeyIsConfiguredAKeyTheApiDoesNotKnowIsNoObstacle() {
		given(this.submissions.submit(123, null)).willReturn(7L);

		assertThat(this.mvc.post().uri("/async_predict?item_id=123").header("X-API-Key", "a-key-to-come").exchange())
			.hasStatus(202);
	}

	@Test
	void jsonBodyIsAcceptedToo() {
		given(this.submissions.submit(123, null)).willReturn(8L);

		MvcTestResult result = this.mvc.post()
			.uri("/async_predict")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"item_id\": 123}")
			.exchange();

		assertThat(result).hasStatus(202).bodyJson().extractingPath("$.task_id").isEqualTo(8);
	}

	/**
	 * What Python's urllib, HTML forms and {@code curl -d} send: the seed accepted the
	 * query parameter whatever the body; this API answered 415.
	 */
	@ParameterizedTest
	@ValueSource(strings = { MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.TEXT_PLAIN_VALUE,
			MediaType.APPLICATION_OCTET_STREAM_VALUE })
	void theQueryParameterIsAcceptedWhateverTheBody(String contentType) {
		given(this.submissions.submit(123, null)).willReturn(9L);

		MvcTestResult result = this.mvc.post()
			.uri("/async_predict?item_id=123")
			.contentType(contentType)
			.content("anything at all")
			.exchange();

		assertThat(result).hasStatus(202).bodyJson().extractingPath("$.task_id").isEqualTo(9);
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/vnd.api+json", "application/json;charset=UTF-8" })
	void jsonOfAnyFlavourIsReadAsJson(String contentType) {
		given(this.submissions.submit(123, null)).willReturn(11L);

		MvcTestResult result = this.mvc.post()
			.uri("/async_predict")
			.contentType(contentType)
			.content("{\"item_id\": 123}")
			.exchange();

		assertThat(result).hasStatus(202).bodyJson().extractingPath("$.task_id").isEqualTo(11);
	}

	@Test
	void aFormFieldNamesTheItemLikeTheQuery() {
		given(this.submissions.submit(123, null)).willReturn(10L);

		MvcTestResult result = this.mvc.post()
			.uri("/async_predict")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("item_id=123")
			.exchange();

		assertThat(result).hasStatus(202).bodyJson().extractingPath("$.task_id").isEqualTo(10);
	}

	@Test
	void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
		MvcTestResult result = this.mvc.post()
			.uri("/async_predict")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"item_id\": 1, \"padding\": \"" + "x".repeat(70_000) + "\"}")
			.exchange();

		assertThat(result).hasStatus(413).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson()
			.isLenientlyEqualTo("{\"status\": 413, \"title\": \"Request body too large\", "
					+ "\"detail\": \"Request bodies of at most 65536 bytes are accepted\"}");
		then(this.submissions).should(never()).submit(anyLong(), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "0", "-5", "9223372036854775808", "1.5", "" })
	void invalidItemIdIsAProblemAndWritesNothing(String itemId) {
		MvcTestResult result = this.mvc.post().uri("/async_predict?item_id=" + itemId).exchange();

		assertBadRequest(result, "item_id");
	}

	@Test
	void missingItemIdIsAProblemAndWritesNothing() {
		assertBadRequest(this.mvc.post().uri("/async_predict").exchange(), "item_id");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"item_id\": \"abc\"}", "{\"item_id\": \"1\"}", "{\"item_id\": 0}", "{\"item_id\": -1}",
			"{\"item_id\": 9223372036854775808}", "{\"item_id\": 1.5}", "{\"item_id\": null}", "{}", "{not json",
			"[1]" })
	void invalidJsonBodyIsAProblemAndWritesNothing(String body) {
		MvcTestResult result = this.mvc.post()
			.uri("/async_predict")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result.getResponse().getContentAsByteArray()).asString()
			.doesNotContain("Exception", "tools.jackson");
		then(this.submissions).should(never()).submit(anyLong(), any());
	}

	@Test
	void queryAndBodyNamingDifferentItemsIsAProblem() {
		MvcTestResult result = this.mvc.post()
			.uri("/async_predict?item_id=1")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"item_id\": 2}")
			.exchange();

		assertBadRequest(result, "item_id");
	}

	@Test
	void unknownAdvertisementIsNotFound() {
		given(this.submissions.submit(404, null)).willThrow(new AdvertisementNotFound(404));

		MvcTestResult result = this.mvc.post().uri("/async_predict?item_id=404").exchange();

		assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson()
			.isLenientlyEqualTo("{\"status\": 404, \"title\": \"Advertisement not found\", "
					+ "\"detail\": \"Advertisement 404 not found\"}");
	}

	@Test
	void unreachableDatabaseIsServiceUnavailableWithoutInternals() {
		given(this.submissions.submit(1, null))
			.willThrow(new CannotGetJdbcConnectionException("Connection to db.internal:5432 refused"));

		MvcTestResult result = this.mvc.post().uri("/async_predict?item_id=1").exchange();

		assertThat(result).hasStatus(503)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("Retry-After", "5");
		assertThat(result.getResponse().getContentAsByteArray()).asString()
			.doesNotContain("db.internal", "5432", "Exception", "jdbc");
	}

	@Test
	void aRetryWithItsIdempotencyKeyIsAcceptedAgainAndMarkedReplayed() {
		given(this.idempotentSubmissions.submit(123, "/order-42", null))
			.willReturn(new IdempotentSubmissions.Submitted(7, false));

		MvcTestResult result = this.mvc.post()
			.uri("/async_predict?item_id=123")
			.header("Idempotency-Key", "order-42")
			.exchange();

		assertThat(result).hasStatus(202)
			.hasHeader("Location", "/moderation_result/7")
			.hasHeader("Idempotent-Replayed", "true");
		assertThat(result).bodyJson().extractingPath("$.task_id").isEqualTo(7);
		then(this.submissions).should(never()).submit(anyLong(), any());
	}

	@Test
	void aKeyUsedForAnotherItemIsUnprocessable() {
		given(this.idempotentSubmissions.submit(2, "/order-42", null)).willThrow(new IdempotencyKeyReused(1, 2));

		MvcTestResult result = this.mvc.post()
			.uri("/async_predict?item_id=2")
			.header("Idempotency-Key", "order-42")
			.exchange();

		assertThat(result).hasStatus(422).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().isLenientlyEqualTo("{\"status\": 422, \"title\": \"Idempotency-Key reused\"}");
	}

	@Test
	void overloadIsServiceUnavailableWithAShortRetryAfter() {
		given(this.submissions.submit(1, null)).willThrow(new SubmissionsOverloaded("4096 requests are waiting"));

		MvcTestResult result = this.mvc.post().uri("/async_predict?item_id=1").exchange();

		assertThat(result).hasStatus(503)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("Retry-After", "1");
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Too many submissions");
	}

	private void assertBadRequest(MvcTestResult result, String parameter) {
		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid " + parameter);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(400);
		// The service is a SmartLifecycle, so the context itself talks to the mock: only
		// submissions count.
		then(this.submissions).should(never()).submit(anyLong(), any());
	}

}
