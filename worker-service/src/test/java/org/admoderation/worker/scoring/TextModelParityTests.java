package org.admoderation.worker.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shipped text model, run by onnxruntime-java exactly as the worker runs it, gives
 * the probabilities the training script computed in Python for held-out ads it exported
 * ({@code model/train.sh} writes both files).
 */
class TextModelParityTests {

	private static ModerationModel model;

	private static final List<JsonNode> fixtures = new ArrayList<>();

	@BeforeAll
	static void load() throws IOException {
		model = ModerationModel.load(resource("/model/moderation-text.onnx"), "moderation-text.onnx");
		JsonMapper json = JsonMapper.builder().build();
		new String(resource("/model/text-parity.jsonl"), StandardCharsets.UTF_8).lines()
			.filter((line) -> !line.isBlank())
			.forEach((line) -> fixtures.add(json.readTree(line)));
	}

	@AfterAll
	static void close() {
		model.close();
	}

	@Test
	void javaScoresMatchPythonOnHeldOutAdsOfEveryViolationType() {
		assertThat(fixtures).hasSizeGreaterThanOrEqualTo(200);
		assertThat(fixtures.stream().map((fixture) -> fixture.get("violation_type").stringValue()).distinct())
			.contains("none")
			.hasSizeGreaterThanOrEqualTo(6);

		List<Score> scores = model.score(fixtures.stream().map(TextModelParityTests::advertisement).toList());

		for (int i = 0; i < fixtures.size(); i++) {
			assertThat(scores.get(i).probability()).as("fixture %d: %s", i + 1, fixtures.get(i).get("title"))
				.isCloseTo(fixtures.get(i).get("probability").doubleValue(), within(1e-5));
		}
	}

	@Test
	void metadataCarriesVersionThresholdAndHeldOutFigures() {
		assertThat(model.version()).isEqualTo("moderation-text:2");
		assertThat(model.threshold()).isBetween(0.05, 0.95);
		Map<String, String> metadata = new TreeMap<>(model.metadata());
		assertThat(metadata).containsKeys("roc_auc", "pr_auc", "precision", "recall", "input_schema");
		assertThat(Double.parseDouble(metadata.get("roc_auc"))).isGreaterThan(0.9);
	}

	@Test
	void contactsAndPrepaymentAreAViolationAndAPlainAdFromAVerifiedSellerIsNot() {
		Advertisement phoneAndPrepayment = new Advertisement(16, "iPhone 15 Pro Max новый",
				"Новый, звоните 8-916-123-45-67 или пишите в телеграм @fast_phone, только 100% предоплата на карту.", 1,
				new BigDecimal("9000"), 0, false);
		Advertisement plain = new Advertisement(4, "Дубовый обеденный стол",
				"Массивный дубовый стол 160x90 см, на шесть персон. Небольшие царапины на одной ножке, см. фото. "
						+ "Самовывоз, помогу загрузить.",
				3, new BigDecimal("18000"), 5, true);

		List<Score> scores = model.score(List.of(phoneAndPrepayment, plain));

		assertThat(scores.get(0).violation()).isTrue();
		assertThat(scores.get(1).violation()).isFalse();
	}

	private static Advertisement advertisement(JsonNode fixture) {
		return new Advertisement(0, fixture.get("title").stringValue(), fixture.get("description").stringValue(),
				fixture.get("category").intValue(), fixture.get("price").decimalValue(),
				fixture.get("images_qty").intValue(), fixture.get("seller_is_verified").booleanValue());
	}

	private static byte[] resource(String path) throws IOException {
		try (InputStream input = TextModelParityTests.class.getResourceAsStream(path)) {
			assertThat(input).as(path).isNotNull();
			return input.readAllBytes();
		}
	}

}
