package org.admoderation.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.admoderation.model.training.LabelledAds;
import org.admoderation.model.training.LabelledAds.Labelled;
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

	private static final Path REPOSITORY = Path.of("..");

	private static final int SHARED_SPAN = 30;

	private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

	private static List<Labelled> ads;

	private static List<Score> scores;

	@BeforeAll
	static void scoreTheEvaluationSet() {
		ads = LabelledAds.handwritten(REPOSITORY, "evaluation");
		scores = BundledModel.MODEL.score(ads.stream().map(Labelled::ad).toList());
	}

	@Test
	void theSetIsShapedLikeAMarketplace() {
		assertThat(ads).hasSizeGreaterThanOrEqualTo(400);
		assertThat(ads.stream().filter((ad) -> !ad.violation()).count()).isGreaterThanOrEqualTo(ads.size() * 85 / 100);
		assertThat(LabelledAds.handwritten(REPOSITORY, "calibration")).hasSizeGreaterThanOrEqualTo(200);
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

	/**
	 * Writers paraphrase, so a shared sentence or title is a near-copy: split.py keeps
	 * such ads in one set, and no evaluation ad shares a run of {@value #SHARED_SPAN}
	 * characters or a title with a calibration ad.
	 */
	@Test
	void noEvaluationAdHasANearCopyInTheCalibrationSet() {
		Set<String> calibrationSpans = new HashSet<>();
		Set<String> calibrationTitles = new HashSet<>();
		List<Set<String>> calibrationShingles = new java.util.ArrayList<>();
		for (Labelled ad : LabelledAds.handwritten(REPOSITORY, "calibration")) {
			calibrationSpans.addAll(spans(searchable(ad.ad())));
			calibrationTitles.add(normalised(ad.ad().title()));
			calibrationShingles.add(shingles(searchable(ad.ad())));
		}
		List<String> nearCopies = ads.stream().filter((ad) -> {
			Set<String> shingles = shingles(searchable(ad.ad()));
			return calibrationTitles.contains(normalised(ad.ad().title()))
					|| spans(searchable(ad.ad())).stream().anyMatch(calibrationSpans::contains)
					|| calibrationShingles.stream().anyMatch((other) -> mostlyShared(shingles, other));
		}).map(Labelled::id).toList();
		assertThat(nearCopies).isEmpty();
	}

	@Test
	void noEvaluationTextOccursInThePrototypesOrTheGenerator() throws IOException {
		String elsewhere = normalised(Files.readString(Path.of("..", "model", "generate_ads.py"))
				+ Files.readString(Path.of("..", "model", "policies", "prototypes.tsv")));
		for (Labelled ad : ads) {
			assertThat(spans(normalised(ad.ad().description()))).as(ad.id())
				.noneMatch((span) -> span.length() == SHARED_SPAN && elsewhere.contains(span));
		}
	}

	private static String normalised(String text) {
		return WHITESPACE.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
	}

	/** As split.py compares ads: title and description, lower case, spaces collapsed. */
	private static String searchable(Advertisement ad) {
		return normalised(ad.title()) + " | " + normalised(ad.description());
	}

	/** Character 5-grams, as split.py compares texts. */
	private static Set<String> shingles(String text) {
		return grams(text, 5);
	}

	/** Jaccard similarity of at least one half. */
	private static boolean mostlyShared(Set<String> a, Set<String> b) {
		long shared = a.stream().filter(b::contains).count();
		return shared * 2 >= a.size() + b.size() - shared;
	}

	/** Every run of {@value #SHARED_SPAN} characters; a shorter text is its own run. */
	private static Set<String> spans(String text) {
		return grams(text, SHARED_SPAN);
	}

	/** Every run of {@code n} characters; a shorter text is its own run. */
	private static Set<String> grams(String text, int n) {
		Set<String> grams = new HashSet<>();
		for (int start = 0; start == 0 || start + n <= text.length(); start++) {
			grams.add(text.substring(start, Math.min(text.length(), start + n)));
		}
		return grams;
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
