package org.admoderation.api.web;

import org.admoderation.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document a client developer reads: the seed's examples, the problem schema
 * of every error, the Idempotency-Key header; and Swagger UI.
 */
@ApiIntegrationTest
class OpenApiDocsTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JsonMapper json;

	@Test
	void submitIsDocumentedWithTheSeedsExampleAndProblemsForEveryError() {
		JsonNode submit = apiDocs().at("/paths/~1async_predict/post");

		assertThat(submit.at("/responses/202/content/application~1json/examples").toString())
			.contains("Moderation request accepted");
		for (String status : new String[] { "400", "401", "403", "404", "413", "422", "503" }) {
			assertThat(submit.at("/responses/" + status + "/content/application~1problem+json/schema/$ref").asString())
				.as("problem schema of %s", status)
				.endsWith("/ProblemDetail");
		}
		assertThat(submit.at("/parameters").findValuesAsString("name")).contains("item_id", "Idempotency-Key");
	}

	@Test
	void resultIsDocumentedWithPendingDecisionsAndFailedExamples() {
		JsonNode response = apiDocs()
			.at("/paths/~1moderation_result~1{task_id}/get/responses/200/content/application~1json");
		JsonNode examples = response.at("/examples");

		assertThat(apiDocs().at("/paths/~1moderation_result~1{task_id}/get/parameters").findValuesAsString("name"))
			.as("one operation, the long-poll's wait among its parameters")
			.containsExactlyInAnyOrder("task_id", "wait");
		assertThat(examples.propertyNames()).contains("pending", "completed, approved",
				"completed, rejected with reasons", "completed, sent to review", "failed");
		assertThat(examples.at("/completed, rejected with reasons/value").toString()).contains("contacts_in_text")
			.contains("+7 926 111 22 33");
		JsonNode schemas = apiDocs().at("/components/schemas");
		assertThat(schemas.at("/ModerationResultResponse/properties").propertyNames()).contains("decision", "reasons");
		assertThat(schemas.at("/VerdictReason/properties").propertyNames()).contains("code", "subtype", "score",
				"evidence");
	}

	@Test
	void problemDetailSchemaIsPublished() {
		JsonNode problem = apiDocs().at("/components/schemas/ProblemDetail/properties");

		assertThat(problem.propertyNames()).contains("type", "title", "status", "detail", "instance");
		// "/async_predict" is what the API sends: a reference, which format uri refuses.
		assertThat(problem.at("/instance/format").asString()).isEqualTo("uri-reference");
		assertThat(problem.at("/type/format").asString()).isEqualTo("uri-reference");
	}

	@Test
	void redriveIsDocumentedWithItsKeyEveryStatusAndWhatItsBodyNeeds() {
		JsonNode redrive = apiDocs().at("/paths/~1admin~1redrive/post");

		assertThat(redrive.at("/responses").propertyNames()).contains("200", "400", "401", "403", "404", "413", "415",
				"503");
		assertThat(redrive.at("/parameters").findValuesAsString("name")).contains("X-Admin-Key");
		JsonNode request = apiDocs().at("/components/schemas/RedriveRequest");
		assertThat(request.at("/anyOf").toString()).contains("[\"task_ids\"]")
			.contains("[\"failed_from\",\"failed_to\"]");
		assertThat(request.at("/anyOf/0/properties/task_ids/minItems").asInt()).isEqualTo(1);
	}

	@Test
	void reviewIsDocumentedWithEveryStatusAndWhatAVerdictNeeds() {
		JsonNode review = apiDocs().at("/paths/~1moderation_result~1{task_id}~1review/post");

		assertThat(review.at("/responses").propertyNames()).contains("200", "400", "401", "403", "404", "409", "413",
				"415", "503");
		JsonNode request = apiDocs().at("/components/schemas/ReviewRequest");
		assertThat(request.at("/required").toString()).contains("verdict");
		assertThat(request.at("/anyOf/1/required").toString()).contains("reason_code");
		assertThat(request.at("/properties/reason_code/enum").toString()).contains("contacts_in_text").contains("null");
		assertThat(apiDocs().at("/paths/~1review~1claim/post/responses").propertyNames()).contains("200", "204", "401",
				"403", "404");
		assertThat(apiDocs().at("/paths/~1review~1labels/get/responses/200/content").propertyNames())
			.contains("application/x-ndjson");
	}

	@Test
	void fieldsThatArePendingNullSayTheyMayBeNull() {
		JsonNode result = apiDocs().at("/components/schemas/ModerationResultResponse/properties");

		assertThat(result.at("/is_violation/type").toString()).contains("\"null\"");
		assertThat(result.at("/probability/type").toString()).contains("\"null\"");
	}

	@Test
	void swaggerUiIsServed() {
		assertThat(this.mvc.get().uri("/swagger-ui/index.html").exchange()).hasStatus(200);
	}

	private JsonNode apiDocs() {
		MvcTestResult result = this.mvc.get().uri("/v3/api-docs").exchange();
		assertThat(result).hasStatus(200);
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

}
