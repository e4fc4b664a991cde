package org.admoderation.worker.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The bundled ONNX model, run by onnxruntime exactly as the worker runs it.
 */
class ModerationModelTests {

	private static ModerationModel model;

	@BeforeAll
	static void loadBundledModel() throws IOException {
		model = ModerationModel.load(resource("/model/moderation-baseline.onnx"), "bundled");
	}

	@AfterAll
	static void close() {
		model.close();
	}

	@Test
	void metadataGivesVersionAndThreshold() {
		assertThat(model.version()).isEqualTo("moderation-baseline:1");
		assertThat(model.threshold()).isEqualTo(0.5);
	}

	@Test
	void javaFeaturesAndScoresMatchPythonOnTheHeldOutFixtures() throws IOException {
		List<String> lines = new String(resource("/model/baseline-parity.csv"), StandardCharsets.UTF_8).lines()
			.skip(1)
			.toList();
		List<Advertisement> advertisements = new ArrayList<>();
		List<Double> expected = new ArrayList<>();
		for (String line : lines) {
			String[] fields = line.split(",");
			advertisements.add(new Advertisement(advertisements.size() + 1, "title",
					"d".repeat(Integer.parseInt(fields[2])), Integer.parseInt(fields[4]), new BigDecimal(fields[3]),
					Integer.parseInt(fields[1]), Boolean.parseBoolean(fields[0])));
			expected.add(Double.parseDouble(fields[5]));
		}
		assertThat(advertisements).hasSizeGreaterThanOrEqualTo(200);

		List<Score> scores = model.score(advertisements);

		for (int i = 0; i < scores.size(); i++) {
			assertThat(scores.get(i).probability()).as("row %d", i + 1).isCloseTo(expected.get(i), within(1e-5));
			assertThat(scores.get(i).violation()).isEqualTo(expected.get(i) >= 0.5);
		}
	}

	@Test
	void oneUnknownCategoryFailsAloneAndTheRestOfTheBatchIsScored() {
		Advertisement good = advertisement(1);
		Advertisement unknownCategory = advertisement(42);

		List<Score> scores = model.score(List.of(good, unknownCategory, good));

		assertThat(scores.get(0).scored()).isTrue();
		assertThat(scores.get(2).probability()).isEqualTo(scores.get(0).probability());
		assertThat(scores.get(1).scored()).isFalse();
		assertThat(scores.get(1).unscorableReason())
			.isEqualTo("Category 42 is not known to model moderation-baseline:1");
	}

	@Test
	void batchScoresEqualSingleScores() {
		List<Advertisement> batch = List.of(advertisement(1), advertisement(5), advertisement(8));

		List<Score> together = model.score(batch);

		for (int i = 0; i < batch.size(); i++) {
			assertThat(together.get(i).probability())
				.isEqualTo(model.score(List.of(batch.get(i))).get(0).probability());
		}
	}

	@Test
	void aBatchLargerThanOneModelCallKeepsEachScoreWithItsAd() {
		List<Advertisement> batch = new ArrayList<>();
		for (int i = 0; i < 2 * ModerationModel.MAX_ADS_PER_CALL + 7; i++) {
			// An unscorable ad in the middle shifts every later ad's place in the calls.
			batch.add(advertisement((i == 70) ? 42 : 1 + i % 8));
		}

		List<Score> together = model.score(batch);

		assertThat(together).hasSize(batch.size());
		assertThat(together.get(70).scored()).isFalse();
		for (int i = 0; i < batch.size(); i++) {
			if (i != 70) {
				// Batched float arithmetic may differ in the last bits; a score given to
				// the
				// wrong ad (another category) differs by orders of magnitude more.
				assertThat(together.get(i).probability()).as("ad %d", i)
					.isCloseTo(model.score(List.of(batch.get(i))).get(0).probability(), within(1e-6));
			}
		}
	}

	@Test
	void aFileThatIsNotOnnxIsRefusedWithAReason() {
		assertThatExceptionOfType(IncompatibleModel.class)
			.isThrownBy(() -> ModerationModel.load("not a model".getBytes(StandardCharsets.UTF_8), "broken.onnx"))
			.withMessageStartingWith("Model broken.onnx is not a loadable ONNX file");
	}

	@Test
	void aModelWithOtherInputsIsRefusedWithWhatItTakesAndWhatWeSend() throws IOException {
		byte[] wrongInputs = resource("/model/wrong-feature-count.onnx");

		assertThatExceptionOfType(IncompatibleModel.class)
			.isThrownBy(() -> ModerationModel.load(wrongInputs, "wrong-feature-count.onnx"))
			.withMessageContaining("input 'features' is")
			.withMessageContaining("[-1, 5]")
			.withMessageEndingWith("this worker sends FLOAT [n, 12]");
	}

	@Test
	void aModelWithoutMetadataIsRefused() throws IOException {
		byte[] noMetadata = resource("/model/no-metadata.onnx");

		assertThatExceptionOfType(IncompatibleModel.class)
			.isThrownBy(() -> ModerationModel.load(noMetadata, "no-metadata.onnx"))
			.withMessage("Model no-metadata.onnx has no 'model_name' in its metadata");
	}

	private static Advertisement advertisement(int category) {
		return new Advertisement(1, "Sofa", "A comfortable grey sofa, barely used, from a non-smoking home.", category,
				new BigDecimal("12000"), 5, true);
	}

	private static byte[] resource(String path) throws IOException {
		try (InputStream input = ModerationModelTests.class.getResourceAsStream(path)) {
			assertThat(input).as(path).isNotNull();
			return input.readAllBytes();
		}
	}

}
