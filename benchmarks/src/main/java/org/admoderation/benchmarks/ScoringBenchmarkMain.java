package org.admoderation.benchmarks;

import java.util.Collection;
import java.util.Comparator;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ScoringBenchmark} and prints ads scored per second for each model and batch
 * size. Arguments, optional: bundled model file names to compare (default: both bundled
 * models).
 */
public final class ScoringBenchmarkMain {

	private ScoringBenchmarkMain() {
	}

	public static void main(String[] args) throws RunnerException {
		ChainedOptionsBuilder options = new OptionsBuilder().include(ScoringBenchmark.class.getSimpleName());
		if (args.length > 0) {
			options.param("modelFile", args);
		}
		Collection<RunResult> results = new Runner(options.build()).run();
		System.out.println();
		System.out.println("| model | batch | batches/s | ads/s (single thread) | error (99.9%) |");
		System.out.println("| --- | ---: | ---: | ---: | ---: |");
		results.stream()
			.sorted(Comparator.comparing((RunResult result) -> result.getParams().getParam("modelFile"))
				.thenComparingInt((result) -> Integer.parseInt(result.getParams().getParam("batchSize"))))
			.forEach((result) -> {
				int batch = Integer.parseInt(result.getParams().getParam("batchSize"));
				double perSecond = result.getPrimaryResult().getScore();
				double error = result.getPrimaryResult().getScoreError();
				System.out.printf("| %s | %d | %,.0f | %,.0f | ± %,.0f |%n", result.getParams().getParam("modelFile"),
						batch, perSecond, perSecond * batch, error * batch);
			});
	}

}
