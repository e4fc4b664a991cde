package org.admoderation.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.admoderation.model.HandwrittenAds.Labelled;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The floors the model must hold on the hand-written evaluation set, scored through the
 * worker's own model code (detectors, encoder, head, thresholds). The set is never used
 * for training or thresholds; its figures are in the model card. The floors sit below the
 * measured figures with room for the floating-point differences between CPUs, which move
 * a score by far less than any ad's distance from a threshold changes here.
 */
class EvaluationSetTests {

	private static List<Labelled> ads;

	private static List<Score> scores;

	@BeforeAll
	static void scoreTheEvaluationSet() {
		ads = HandwrittenAds.read("evaluation");
		scores = BundledModel.MODEL.score(ads.stream().map(Labelled::ad).toList());
	}

	@Test
	void theSetIsShapedLikeAMarketplace() {
		assertThat(ads).hasSizeGreaterThanOrEqualTo(400);
		assertThat(ads.stream().filter((ad) -> !ad.violation()).count()).isGreaterThanOrEqualTo(ads.size() * 85 / 100);
		assertThat(HandwrittenAds.read("calibration")).hasSizeGreaterThanOrEqualTo(200);
	}

	@Test
	void rankingSeparatesViolationsFromCleanAds() {
		assertThat(rocAuc()).isGreaterThanOrEqualTo(0.95);
	}

	@Test
	void fewCleanAdsAreRejectedOrSentToReview() {
		assertThat(share(false, Decision.REJECT)).isLessThanOrEqualTo(0.01);
		assertThat(share(false, Decision.REVIEW)).isLessThanOrEqualTo(0.08);
	}

	@Test
	void fewViolationsAreApproved() {
		assertThat(share(true, Decision.APPROVE)).isLessThanOrEqualTo(0.10);
	}

	@Test
	void noCleanLookalikeIsRejected() {
		List<String> rejected = java.util.stream.IntStream.range(0, ads.size())
			.filter((i) -> ads.get(i).lookalike() && !ads.get(i).violation()
					&& scores.get(i).decision() == Decision.REJECT)
			.mapToObj((i) -> ads.get(i).id() + " " + ads.get(i).ad().title())
			.toList();
		assertThat(rejected).isEmpty();
	}

	@Test
	void noEvaluationTextOccursInTheCalibrationSetThePrototypesOrTheGenerator() throws IOException {
		Set<String> calibration = HandwrittenAds.read("calibration")
			.stream()
			.flatMap((ad) -> java.util.stream.Stream.of(ad.ad().title().strip(), ad.ad().description().strip()))
			.collect(Collectors.toSet());
		String elsewhere = Files.readString(Path.of("..", "model", "generate_ads.py"))
				+ Files.readString(Path.of("..", "model", "policies", "prototypes.tsv"));
		for (Labelled ad : ads) {
			String description = ad.ad().description().strip();
			assertThat(calibration).as(ad.id()).doesNotContain(description.length() >= 12 ? description : "\0");
			if (description.length() >= 40) {
				assertThat(elsewhere).as(ad.id()).doesNotContain(description);
			}
		}
	}

	private double share(boolean violation, Decision decision) {
		long group = ads.stream().filter((ad) -> ad.violation() == violation).count();
		long hits = java.util.stream.IntStream.range(0, ads.size())
			.filter((i) -> ads.get(i).violation() == violation && scores.get(i).decision() == decision)
			.count();
		return (double) hits / group;
	}

	/** The probability that a violation outranks a clean ad (ties count half). */
	private double rocAuc() {
		double pairs = 0;
		double wins = 0;
		for (int v = 0; v < ads.size(); v++) {
			if (!ads.get(v).violation()) {
				continue;
			}
			for (int c = 0; c < ads.size(); c++) {
				if (ads.get(c).violation()) {
					continue;
				}
				pairs++;
				double difference = scores.get(v).probability() - scores.get(c).probability();
				wins += (difference > 0) ? 1 : (difference == 0) ? 0.5 : 0;
			}
		}
		return wins / pairs;
	}

}
