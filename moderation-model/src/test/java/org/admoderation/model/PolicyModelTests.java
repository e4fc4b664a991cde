package org.admoderation.model;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class PolicyModelTests {

	@Test
	void phoneInTheDescriptionIsRejectedWithItsSpanAsEvidence() {
		String description = "Продаю велосипед, почти новый. Звоните +7 926 111 22 33, торг.";
		Score score = score(ad("Велосипед детский", description, 7, "3500", 3));

		assertThat(score.decision()).isEqualTo(Decision.REJECT);
		assertThat(score.violation()).isTrue();
		Reason reason = score.reasons().get(0);
		assertThat(reason.code()).isEqualTo("contacts_in_text");
		assertThat(reason.score()).isGreaterThan(0.9);
		assertThat(reason.evidence()).singleElement().satisfies((span) -> {
			assertThat(span.field()).isEqualTo("description");
			assertThat(span.text()).isEqualTo("+7 926 111 22 33");
			assertThat(description.substring(span.start(), span.end())).isEqualTo(span.text());
		});
		assertThat(score.probability()).isGreaterThan(0.9);
	}

	/** Hashtags and a bare messenger name carry no weight in the head: no evidence. */
	@Test
	void evidenceIsOnlyWhatRaisedTheScore() {
		Score spam = score(
				ad("Диван", "ПРОДАЮ СРОЧНО ДИВАН ДЁШЕВО!!! ЗАБИРАЙТЕ СЕГОДНЯ!!! #диван #мебель #дешево", 3, "5000", 2));
		Score contacts = score(ad("Рюкзак", "Рюкзак с логотипом Telegram. Звоните +7 926 111 22 33", 2, "2000", 2));

		assertThat(spam.reasons()).extracting(Reason::code).contains("spam");
		assertThat(contacts.reasons()).extracting(Reason::code).contains("contacts_in_text");
		assertThat(java.util.stream.Stream.of(spam, contacts)
			.flatMap((score) -> score.reasons().stream())
			.flatMap((reason) -> reason.evidence().stream())
			.map(Evidence::text)).isNotEmpty().noneMatch((text) -> text.startsWith("#") || text.contains("Telegram"));
	}

	@Test
	void cheapEverydayGoodsFromUnverifiedSellersAreApproved() {
		List<Advertisement> ads = List.of(ad("Яйца домашние", "Свежие, от своих кур, десяток", 3, "60", 1),
				ad("Банки стеклянные 0,5 л", "Много, чистые, самовывоз", 3, "5", 2),
				ad("Платье детское 104", "Носили мало, без пятен", 2, "150", 3),
				ad("Чехол iPhone 13", "Силиконовый, новый", 1, "300", 1),
				ad("Аптечка автомобильная", "Новая, срок годности до 2028 года", 4, "600", 1),
				ad("Котёнок в добрые руки", "Мальчик, 2 месяца, к лотку приучен", 8, "0", 4));

		assertThat(BundledModel.MODEL.score(ads)).allSatisfy((score) -> {
			assertThat(score.decision()).isEqualTo(Decision.APPROVE);
			assertThat(score.reasons()).isEmpty();
		});
	}

	@Test
	void prohibitedGoodsNameTheirSubtype() {
		Score score = score(
				ad("Соли, миксы", "Качество гарантирую, закладки по городу, оплата в крипте", 6, "3000", 0));

		assertThat(score.decision()).isEqualTo(Decision.REJECT);
		assertThat(score.reasons()).anySatisfy((reason) -> {
			assertThat(reason.code()).isEqualTo("prohibited_goods");
			assertThat(reason.subtype()).isEqualTo("drugs");
		});
	}

	@Test
	void anImpossiblePriceForAnIdentifiedItemOnlySendsItToReview() {
		Score score = score(ad("iPhone 15 Pro 256 ГБ", "Новый, запечатанный", 1, "4500", 3));

		assertThat(score.decision()).isEqualTo(Decision.REVIEW);
		assertThat(score.violation()).isFalse();
		assertThat(score.reasons()).singleElement().satisfies((reason) -> {
			assertThat(reason.code()).isEqualTo("suspicious_price");
			assertThat(reason.evidence()).extracting(Evidence::text).containsExactly("iPhone 15 Pro");
		});
	}

	@Test
	void aListingWithNoPhotoAndNoDescriptionGoesToReview() {
		Score score = score(ad("Продам", "", 3, "100", 0));

		assertThat(score.decision()).isEqualTo(Decision.REVIEW);
		assertThat(score.reasons()).extracting(Reason::code).containsExactly("thin_listing");
	}

	@Test
	void configuredThresholdsReplaceTheModelsDefaults() {
		Advertisement ad = ad("Велосипед", "Звоните +7 926 111 22 33", 7, "3500", 3);
		PolicyModel lenient = BundledModel.load(Map.of(Policy.CONTACTS_IN_TEXT, new Thresholds.Configured(null, 1.0)));

		Score score = lenient.score(List.of(ad)).get(0);

		assertThat(score.decision()).isEqualTo(Decision.REVIEW);
		assertThat(lenient.thresholds().get(Policy.CONTACTS_IN_TEXT).reject()).isEqualTo(1.0);
		assertThat(lenient.thresholds().get(Policy.CONTACTS_IN_TEXT).review())
			.isEqualTo(BundledModel.MODEL.thresholds().get(Policy.CONTACTS_IN_TEXT).review());
	}

	@Test
	void aReviewOnlyPolicyTakesNoRejectThreshold() {
		assertThatExceptionOfType(IncompatibleModel.class)
			.isThrownBy(() -> BundledModel.load(Map.of(Policy.SUSPICIOUS_PRICE, new Thresholds.Configured(0.5, 0.9))))
			.withMessageContaining("suspicious_price can only send ads to review");
	}

	@Test
	void thresholdsOutOfOrderAreRefused() {
		assertThatExceptionOfType(IncompatibleModel.class)
			.isThrownBy(() -> BundledModel.load(Map.of(Policy.SPAM, new Thresholds.Configured(0.9, 0.5))))
			.withMessageContaining("spam");
	}

	@Test
	void aNegativePriceIsUnscorableAndTheOthersAreScored() {
		List<Score> scores = BundledModel.MODEL
			.score(List.of(ad("Стул", "Деревянный", 3, "-1", 1), ad("Стол", "Дубовый, 160 на 90", 3, "18000", 4)));

		assertThat(scores.get(0).scored()).isFalse();
		assertThat(scores.get(0).unscorableCode()).isEqualTo(Score.UNSUPPORTED_INPUT);
		assertThat(scores.get(1).decision()).isEqualTo(Decision.APPROVE);
	}

	/**
	 * The encoder pads a call to its longest text and its int8 attention does not mask
	 * the padding exactly, so a score moves by about 1e-4 with its batch: far below any
	 * threshold's precision.
	 */
	@Test
	void aCategoryTheModelDoesNotKnowIsUnscorable() {
		Score score = score(ad("Сундук", "Кованый, XIX век", 99, "12000", 2));

		assertThat(score.scored()).isFalse();
		assertThat(score.unscorableReason()).isEqualTo("Category 99 is not known to model moderation-policies:3");
	}

	@Test
	void scoresDoNotDependOnTheBatch() {
		Advertisement ad = ad("Велосипед", "Звоните +7 926 111 22 33", 7, "3500", 3);
		List<Advertisement> batch = List.of(ad("Диван", "Раскладной, серый. ".repeat(40), 3, "12000", 5), ad,
				ad("Шины R16", "Четыре штуки, 205/55", 4, "16000", 4));

		double alone = score(ad).probability();
		double inBatch = BundledModel.MODEL.score(batch).get(1).probability();

		assertThat(inBatch).isCloseTo(alone, org.assertj.core.data.Offset.offset(1e-3));
	}

	@Test
	void aFileThatIsNotOnnxIsRefused() {
		assertThatExceptionOfType(IncompatibleModel.class)
			.isThrownBy(() -> PolicyModel.load(new byte[] { 1, 2, 3 }, "garbage", 1, BundledModel.ENCODER, Map.of()))
			.withMessageContaining("not a loadable ONNX file");
	}

	/** Heads written by model/make_invalid_models.py, each with one thing wrong. */
	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "no-metadata|has no 'model_name' in its metadata", "other-signals|was trained on the signals",
					"other-encoder|was trained on encoder 0000", "wrong-inputs|must take 'embedding' and 'signals'",
					"price-rejects|would let suspicious_price reject ads",
					"unknown-policy|names an unknown policy 'politics'",
					"unknown-evidence|names unknown evidence signals for spam",
					"integer-scores|output 'policy_scores' is", "narrow-scores|output 'policy_scores' is" })
	void anIncompatibleHeadIsRefusedWithTheReason(String head, String reason) throws IOException {
		byte[] bytes;
		try (InputStream in = Objects
			.requireNonNull(getClass().getResourceAsStream("/incompatible-heads/" + head + ".onnx"), head)) {
			bytes = in.readAllBytes();
		}

		assertThatExceptionOfType(IncompatibleModel.class)
			.isThrownBy(() -> PolicyModel.load(bytes, head, 1, BundledModel.ENCODER, Map.of()))
			.withMessageContaining(reason);
	}

	/**
	 * A head that leaves its output's width open loads, and returns too few scores: each
	 * ad is unscorable with the model's reason, after bounded retries, instead of an
	 * index out of bounds (or, for another type, a ClassCastException) escaping the
	 * worker's batch.
	 */
	@Test
	void aHeadReturningTooFewScoresLeavesAdsUnscorableWithTheReason() throws IOException {
		byte[] bytes;
		try (InputStream in = Objects
			.requireNonNull(getClass().getResourceAsStream("/incompatible-heads/undeclared-narrow-scores.onnx"))) {
			bytes = in.readAllBytes();
		}
		try (PolicyModel model = PolicyModel.load(bytes, "undeclared-narrow-scores", 1, BundledModel.ENCODER,
				Map.of())) {
			List<Score> scores = model.score(List.of(ad("Велосипед", "Продаю велосипед, почти новый", 2, "9000", 3)));

			assertThat(scores).singleElement().satisfies((score) -> {
				assertThat(score.scored()).isFalse();
				assertThat(score.unscorableCode()).isEqualTo(Score.MODEL_ERROR);
				assertThat(score.unscorableReason()).contains("output 'policy_scores' is not FLOAT [1, ");
			});
		}
	}

	/**
	 * A worker stopping mid-batch closed the model under the call still running on it:
	 * the batch's remaining ads failed as unscorable (or onnxruntime crashed the
	 * process).
	 */
	@Test
	void closingWaitsForTheCallStillScoring() {
		PolicyModel model = BundledModel.load(Map.of());
		List<Advertisement> ads = new ArrayList<>();
		for (int i = 0; i < 256; i++) {
			ads.add(ad("Диван " + i, "Продаю диван, самовывоз. Состояние хорошее, торг уместен " + i, 1, "5000", 3));
		}
		CompletableFuture<List<Score>> scoring = CompletableFuture.supplyAsync(() -> model.score(ads));
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(model::busy);

		model.close();

		assertThat(scoring.join()).hasSize(256).allMatch(Score::scored);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> model.score(ads.subList(0, 1)));
	}

	@Test
	void theHeadNamesTheEncoderItWasTrainedOn() {
		assertThat(BundledModel.MODEL.metadata()).containsEntry("encoder_sha256", BundledModel.ENCODER.sha256());
		assertThat(BundledModel.MODEL.version()).isEqualTo("moderation-policies:3");
	}

	private static Score score(Advertisement ad) {
		return BundledModel.MODEL.score(List.of(ad)).get(0);
	}

	static Advertisement ad(String title, String description, int category, String price, int images) {
		return new Advertisement(1, title, description, category, new BigDecimal(price), images, false);
	}

}
