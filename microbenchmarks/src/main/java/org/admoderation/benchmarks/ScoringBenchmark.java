package org.admoderation.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.admoderation.model.Advertisement;
import org.admoderation.model.PolicyModel;
import org.admoderation.model.Score;
import org.admoderation.model.encoder.SentenceEncoder;
import org.admoderation.model.training.LabelledAds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread cost of scoring, as the worker scores a poll: detectors, the sentence
 * encoder and the head, on one onnxruntime thread (one core). The ads are the
 * hand-written calibration and evaluation sets, whose lengths are shaped like real
 * listings (median about 110 characters, a tail past 1,300), by length band of title +
 * description; {@code all} is the realistic mix. One operation scores the whole band
 * once, so the cost per ad is the operation's time divided by its ads
 * ({@link ScoringBenchmarkMain} prints it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ScoringBenchmark {

	/** Length bands of title + description, in characters. */
	static final Map<String, int[]> BANDS = Map.of("all", new int[] { 0, Integer.MAX_VALUE }, "under-100",
			new int[] { 0, 100 }, "100-300", new int[] { 100, 300 }, "300-1000", new int[] { 300, 1000 }, "over-1000",
			new int[] { 1000, Integer.MAX_VALUE });

	@Param({ "all", "under-100", "100-300", "300-1000", "over-1000" })
	public String lengthBand;

	private SentenceEncoder encoder;

	private PolicyModel model;

	private List<Advertisement> ads;

	@Setup(Level.Trial)
	public void loadModel() throws IOException {
		this.encoder = SentenceEncoder.bundled(1);
		try (InputStream input = Objects.requireNonNull(
				ScoringBenchmark.class.getResourceAsStream("/model/moderation-policies.onnx"), "no bundled head")) {
			this.model = PolicyModel.load(input.readAllBytes(), "bundled head", 1, this.encoder, Map.of());
		}
		this.ads = band(realisticAds(), BANDS.get(this.lengthBand));
	}

	@TearDown(Level.Trial)
	public void closeModel() {
		this.model.close();
		this.encoder.close();
	}

	/** Scores the band in polls of 200, as a worker's listener receives them. */
	@Benchmark
	public int scoreBand() {
		int scored = 0;
		for (int from = 0; from < this.ads.size(); from += 200) {
			List<Score> scores = this.model.score(this.ads.subList(from, Math.min(this.ads.size(), from + 200)));
			scored += scores.size();
		}
		return scored;
	}

	int adsInBand() {
		return this.ads.size();
	}

	static List<Advertisement> band(List<Advertisement> ads, int[] band) {
		return ads.stream().filter((ad) -> {
			int length = ad.title().length() + ad.description().length();
			return length >= band[0] && length < band[1];
		}).toList();
	}

	/** The hand-written ads (model/data/handwritten), run from the repository's root. */
	static List<Advertisement> realisticAds() {
		return LabelledAds.allHandwritten(Path.of(""));
	}

}
