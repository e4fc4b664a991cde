package org.admoderation.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.admoderation.worker.scoring.Advertisement;
import org.admoderation.worker.scoring.ModerationModel;
import org.admoderation.worker.scoring.Score;
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
 * Single-thread scoring throughput of a bundled model, as the worker calls it: one
 * {@link ModerationModel#score} per poll. One operation scores {@code batchSize} ads, so
 * ads per second = operations per second x batch size ({@link ScoringBenchmarkMain}
 * prints both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ScoringBenchmark {

	@Param({ "1", "32", "256" })
	public int batchSize;

	@Param({ "moderation-baseline.onnx", "moderation-text.onnx" })
	public String modelFile;

	private ModerationModel model;

	private List<Advertisement> batch;

	@Setup(Level.Trial)
	public void loadModel() throws IOException {
		try (InputStream input = ScoringBenchmark.class.getResourceAsStream("/model/" + this.modelFile)) {
			if (input == null) {
				throw new IllegalStateException("No bundled model " + this.modelFile);
			}
			this.model = ModerationModel.load(input.readAllBytes(), this.modelFile);
		}
		this.batch = advertisements(this.batchSize);
	}

	@TearDown(Level.Trial)
	public void closeModel() {
		this.model.close();
	}

	@Benchmark
	public List<Score> scoreBatch() {
		return this.model.score(this.batch);
	}

	/**
	 * Ads shaped like the demo data: Russian text of realistic length, all categories.
	 */
	static List<Advertisement> advertisements(int count) {
		Random random = new Random(42);
		String[] titles = { "iPhone 13, 128 ГБ", "Диван-кровать серый", "Зимняя куртка, размер M", "Toyota Camry 2018",
				"Уборка квартир", "Котёнок ищет дом" };
		String description = "Продаю в отличном состоянии, использовался аккуратно, все документы и чек есть. "
				+ "Самовывоз или доставка по городу, торг уместен. Звоните 8-916-123-45-67, предоплата не нужна.";
		List<Advertisement> ads = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ads.add(new Advertisement(i, titles[i % titles.length],
					description.substring(0, 60 + random.nextInt(description.length() - 60)), 1 + (i % 8),
					BigDecimal.valueOf(500 + random.nextInt(100_000)), random.nextInt(10), random.nextBoolean()));
		}
		return ads;
	}

}
