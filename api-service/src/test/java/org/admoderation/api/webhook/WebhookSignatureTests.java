package org.admoderation.api.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Signatures a receiver's Standard Webhooks library accepts, and that the README's own
 * recipe for receivers verifies.
 */
class WebhookSignatureTests {

	@Test
	void signsAsTheStandardWebhooksSpecificationsExample() {
		// The specification's test vector (standard-webhooks, libraries' tests).
		assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
				1614265330, "{\"test\": 2432232314}"))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void aRotationSignsWithBothSecretsTheCurrentFirst() {
		String current = WebhookSignature.newSecret();
		String previous = WebhookSignature.newSecret();

		String header = WebhookSignature.header(List.of(current, previous), "evt_1", 1700000000, "{}");

		assertThat(header.split(" ")).containsExactly(WebhookSignature.sign(current, "evt_1", 1700000000, "{}"),
				WebhookSignature.sign(previous, "evt_1", 1700000000, "{}"));
		assertThat(current).isNotEqualTo(previous).startsWith("whsec_").hasSize("whsec_".length() + 44);
	}

	@Test
	void theSignatureCoversTheIdTheTimestampAndTheBody() {
		String secret = WebhookSignature.newSecret();
		String signed = WebhookSignature.sign(secret, "evt_1", 1700000000, "{\"task_id\": 1}");

		assertThat(WebhookSignature.sign(secret, "evt_2", 1700000000, "{\"task_id\": 1}")).isNotEqualTo(signed);
		assertThat(WebhookSignature.sign(secret, "evt_1", 1700000001, "{\"task_id\": 1}")).isNotEqualTo(signed);
		assertThat(WebhookSignature.sign(secret, "evt_1", 1700000000, "{\"task_id\": 2}")).isNotEqualTo(signed);
	}

	/**
	 * The Python recipe exactly as the README prints it, run by Python: it accepts what
	 * the API signs (a body with non-ASCII text, a rotation's two signatures) and refuses
	 * a forged body and a stale timestamp.
	 */
	@Test
	void theReadmesPythonRecipeVerifiesWhatTheApiSigns() throws Exception {
		assumeTrue(pythonRequired() || onPath("python3"), "python3 is not installed");
		Matcher recipe = Pattern.compile("<!-- webhook-verify-python -->\\s*```python\\n(.*?)```", Pattern.DOTALL)
			.matcher(Files.readString(Path.of("../README.md")));
		assertThat(recipe.find()).as("the README's Python recipe").isTrue();
		String secret = WebhookSignature.newSecret();
		String body = "{\"task_id\": 7, \"decision\": \"reject\", \"reasons\": [{\"text\": \"Звоните\"}]}";
		long now = Instant.now().getEpochSecond();
		String header = WebhookSignature.header(List.of(WebhookSignature.newSecret(), secret), "evt_7", now, body);
		String stale = WebhookSignature.header(List.of(secret), "evt_7", now - 600, body);
		String script = recipe.group(1)
				+ """

						import sys
						secret, now, header, stale, body = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5].encode()
						def headers(signature, timestamp):
						    return {"webhook-id": "evt_7", "webhook-timestamp": timestamp, "webhook-signature": signature}
						print(verify(secret, headers(header, now), body),
						      verify(secret, headers(header, now), body.replace(b"reject", b"approve")),
						      verify(secret, headers(stale, str(int(now) - 600)), body))
						""";
		Process python = new ProcessBuilder("python3", "-c", script, secret, Long.toString(now), header, stale, body)
			.redirectErrorStream(true)
			.start();
		assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(output).isEqualTo("True False False");
	}

	private static boolean pythonRequired() {
		return Boolean.parseBoolean(System.getenv("MODERATION_TEST_TRAINING_REQUIRED"));
	}

	private static boolean onPath(String command) throws IOException, InterruptedException {
		try {
			return new ProcessBuilder(command, "--version").start().waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
