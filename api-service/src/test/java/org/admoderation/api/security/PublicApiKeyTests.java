package org.admoderation.api.security;

import java.util.Optional;

import org.admoderation.api.ApiApplication;
import org.admoderation.api.admin.Redrive;
import org.admoderation.api.admin.RedriveControllerSliceConfiguration;
import org.admoderation.api.result.TaskEndings;
import org.admoderation.api.submission.IdempotentSubmissions;
import org.admoderation.api.submission.SubmissionService;
import org.admoderation.common.security.KeySecurity;
import org.admoderation.common.task.TaskRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

/**
 * The public endpoints with {@code MODERATION_API_KEYS} set: client A with two keys, as
 * during a rotation, client B with one, a key configured without a client, and a client
 * that chose to call itself "operator". The review endpoints have tests of their own, on
 * a real database.
 */
@WebMvcTest(
		properties = { "spring.config.name=" + ApiApplication.CONFIG_NAME,
				"moderation.api.keys=client-a:first-key-0123456789, client-b:second-key-9876543210,"
						+ " client-a:first-key-rotated-0000, unnamed-key-5555, operator:client-named-operator-2718",
				"moderation.admin.api-key=" + PublicApiKeyTests.ADMIN_KEY },
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "org\\.admoderation\\.api\\.(review|webhook)\\..*"))
@Import(RedriveControllerSliceConfiguration.class)
class PublicApiKeyTests {

	static final String ADMIN_KEY = "operator-key-3141592653";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private SubmissionService submissions;

	@MockitoBean
	private IdempotentSubmissions idempotentSubmissions;

	/** The long-polls' listener: no PostgreSQL in this slice. */
	@MockitoBean
	private TaskEndings taskEndings;

	@MockitoBean
	private TaskRepository tasks;

	@MockitoBean
	private Redrive redrive;

	@Test
	void eitherConfiguredKeyIsAcceptedAndItsTaskIsItsClients() {
		given(this.submissions.submit(anyLong(), any())).willReturn(11L);

		assertThat(submit("first-key-0123456789")).hasStatus(202);
		assertThat(submit("second-key-9876543210")).hasStatus(202);
		assertThat(submit("unnamed-key-5555")).hasStatus(202);
		assertThat(this.mvc.post().uri("/async_predict?item_id=1").header("X-Admin-Key", ADMIN_KEY).exchange())
			.hasStatus(202);

		// Whose webhooks receive the results: the named clients', nobody's in particular
		// for the others.
		then(this.submissions).should().submit(1, "client-a");
		then(this.submissions).should().submit(1, "client-b");
		then(this.submissions).should(times(2)).submit(1, null);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "first-key-012345678", "first-key-01234567890", "FIRST-KEY-0123456789",
			"client-a:first-key-0123456789", "first-key-0123456789,second-key-9876543210" })
	void aMissingOrWrongKeyIsUnauthorizedAndReachesNothing(String key) {
		MvcTestResult result = key.isEmpty() ? this.mvc.post().uri("/async_predict?item_id=1").exchange() : submit(key);

		assertThat(result).hasStatus(401)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("API key required");
		then(this.submissions).should(never()).submit(anyLong(), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "Authorization:Bearer some-proxy-token", "Authorization:Bearer ", "X-Admin-Key:",
			"X-Admin-Key:not-the-operator-key" })
	void aValidApiKeyCountsWhateverOtherCredentialHeadersTheRequestCarries(String otherHeader) {
		given(this.submissions.submit(1, null)).willReturn(11L);
		int colon = otherHeader.indexOf(':');

		assertThat(this.mvc.post()
			.uri("/async_predict?item_id=1")
			.header(otherHeader.substring(0, colon), otherHeader.substring(colon + 1))
			.header(KeySecurity.API_KEY_HEADER, "second-key-9876543210")
			.exchange()).hasStatus(202);
	}

	@Test
	void resultsNeedAKeyToo() {
		given(this.tasks.findById(5)).willReturn(Optional.empty());

		assertThat(this.mvc.get().uri("/moderation_result/5").exchange()).hasStatus(401);
		assertThat(this.mvc.get().uri("/moderation_result/5").header("X-API-Key", "second-key-9876543210").exchange())
			.as("past the key check: the task is unknown")
			.hasStatus(404);
	}

	@Test
	void idempotencyKeysBelongToTheClientThatSentThemAcrossItsKeys() {
		given(this.idempotentSubmissions.submit(anyLong(), anyString(), any()))
			.willReturn(new IdempotentSubmissions.Submitted(21L, true));

		String[][] sent = { { "first-key-0123456789", "order-42" }, { "second-key-9876543210", "order-42" },
				{ "first-key-rotated-0000", "order-42" }, { "unnamed-key-5555", "order-42" },
				// an unnamed key cannot reach into a named client's scope
				{ "unnamed-key-5555", "client-a/order-42" } };
		for (String[] request : sent) {
			assertThat(this.mvc.post()
				.uri("/async_predict?item_id=1")
				.header(KeySecurity.API_KEY_HEADER, request[0])
				.header("Idempotency-Key", request[1])
				.exchange()).hasStatus(202);
		}

		ArgumentCaptor<String> keys = ArgumentCaptor.forClass(String.class);
		then(this.idempotentSubmissions).should(times(5)).submit(eq(1L), keys.capture(), any());
		assertThat(keys.getAllValues()).containsExactly("client-a/order-42", "client-b/order-42", "client-a/order-42",
				"/order-42", "/client-a/order-42");
	}

	@Test
	void aClientKeyIsForbiddenTheAdminEndpointsAndItsBodyIsNotRead() {
		MvcTestResult result = this.mvc.post()
			.uri("/admin/redrive")
			.header(KeySecurity.API_KEY_HEADER, "second-key-9876543210")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"task_ids\": [1,")
			.exchange();

		assertThat(result).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Forbidden");
		then(this.redrive).shouldHaveNoInteractions();
	}

	@Test
	void anOperatorMaySubmitAsAClientWouldInAScopeNoClientNameReaches() {
		given(this.idempotentSubmissions.submit(anyLong(), anyString(), any()))
			.willReturn(new IdempotentSubmissions.Submitted(31L, true));

		assertThat(this.mvc.post()
			.uri("/async_predict?item_id=1")
			.header(KeySecurity.ADMIN_KEY_HEADER, ADMIN_KEY)
			.header("Idempotency-Key", "order-42")
			.exchange()).hasStatus(202);
		assertThat(this.mvc.post()
			.uri("/async_predict?item_id=1")
			.header(KeySecurity.API_KEY_HEADER, "client-named-operator-2718")
			.header("Idempotency-Key", "order-42")
			.exchange()).hasStatus(202);

		ArgumentCaptor<String> keys = ArgumentCaptor.forClass(String.class);
		then(this.idempotentSubmissions).should(times(2)).submit(eq(1L), keys.capture(), any());
		assertThat(keys.getAllValues()).containsExactly("@operator:operator/order-42", "operator/order-42");
	}

	private MvcTestResult submit(String key) {
		return this.mvc.post().uri("/async_predict?item_id=1").header(KeySecurity.API_KEY_HEADER, key).exchange();
	}

}
