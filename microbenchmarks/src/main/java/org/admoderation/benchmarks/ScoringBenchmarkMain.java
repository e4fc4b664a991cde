package org.admoderation.benchmarks;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ScoringBenchmark} and prints the scoring cost per ad on one core for each
 * length band. Arguments, optional: the bands to run (default: all of them).
 */
public final class ScoringBenchmarkMain {

	private static final List<String> ORDER = List.of("all", "under-100", "100-300", "300-1000", "over-1000");

	private ScoringBenchmarkMain() {
	}

	public static void main(String[] args) throws RunnerException {
		ChainedOptionsBuilder options = new OptionsBuilder().include(ScoringBenchmark.class.getSimpleName());
		if (args.length > 0) {
			options.param("lengthBand", args);
		}
		Collection<RunResult> results = new Runner(options.build()).run();
		List<org.admoderation.model.Advertisement> ads = ScoringBenchmark.realisticAds();
		System.out.println();
		System.out.println("| length of title + description | ads | ms per ad (one core) | error (99.9%) |");
		System.out.println("| --- | ---: | ---: | ---: |");
		results.stream()
			.sorted(Comparator
				.comparingInt((RunResult result) -> ORDER.indexOf(result.getParams().getParam("lengthBand"))))
			.forEach((result) -> {
				String band = result.getParams().getParam("lengthBand");
				int count = ScoringBenchmark.band(ads, ScoringBenchmark.BANDS.get(band)).size();
				double perAd = result.getPrimaryResult().getScore() / count;
				double error = result.getPrimaryResult().getScoreError() / count;
				System.out.printf("| %s | %d | %.3f | ± %.3f |%n", band, count, perAd, error);
			});
	}

}
