package org.admoderation.worker.scoring;

import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ONNX moderation model run by onnxruntime. Its input contract
 * ({@code model/README.md}): a float tensor {@code features} of shape [n, 4 + categories]
 * holding seller verified, image count, log1p(description length), log1p(price) and the
 * one-hot category; optionally a string tensor {@code text} of shape [n] with the raw
 * {@code title + "\n" + description}, which the graph featurises itself. Output
 * {@code probabilities} [n, 2], column 1 the probability of a violation.
 * <p>
 * The model's name, version, threshold and known categories come from the file's
 * metadata, so a retrained model ships as one file. Thread-safe: onnxruntime sessions
 * allow concurrent runs.
 */
public final class ModerationModel implements AutoCloseable {

	static final String FEATURES_INPUT = "features";

	static final String TEXT_INPUT = "text";

	static final String PROBABILITIES_OUTPUT = "probabilities";

	static final int NUMERIC_FEATURES = 4;

	/** Calls of a batch whose every ad fails, before the ads are reported unscorable. */
	static final int MODEL_ATTEMPTS = 3;

	private static final Logger logger = LoggerFactory.getLogger(ModerationModel.class);

	/**
	 * Ads per onnxruntime call. The text model's tf-idf layer is dense (12,000 floats per
	 * ad): a poll of 500 ads in one call holds 24 MB of it and runs out of cache (JMH:
	 * 15.3k ads/s per core in calls of 32, 13.5k in calls of 256), so a batch is scored
	 * in calls of this many.
	 */
	static final int MAX_ADS_PER_CALL = 64;

	private final OrtEnvironment environment;

	private final OrtSession session;

	private final String name;

	private final String version;

	private final double threshold;

	private final int[] categories;

	private final int featureCount;

	private final boolean takesText;

	private final Map<String, String> metadata;

	private ModerationModel(OrtEnvironment environment, OrtSession session, Map<String, String> metadata, String name,
			String version, double threshold, int[] categories, boolean takesText) {
		this.environment = environment;
		this.session = session;
		this.name = name;
		this.version = version;
		this.threshold = threshold;
		this.categories = categories;
		this.featureCount = NUMERIC_FEATURES + categories.length;
		this.takesText = takesText;
		this.metadata = Map.copyOf(metadata);
	}

	/**
	 * Loads a model and checks that it takes what this worker sends.
	 * @param modelBytes the ONNX file
	 * @param source where it came from, for messages
	 * @throws IncompatibleModel with a reason an operator can act on
	 */
	public static ModerationModel load(byte[] modelBytes, String source) {
		return load(modelBytes, source, 1);
	}

	/**
	 * Loads a model that scores each batch on up to {@code intraOpThreads} threads.
	 * @see ModelProperties#intraOpThreads()
	 */
	public static ModerationModel load(byte[] modelBytes, String source, int intraOpThreads) {
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		OrtSession session;
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(intraOpThreads);
			// onnxruntime's pool threads otherwise spin between calls, burning the cores
			// PostgreSQL, the broker and the other workers need (half a worker's CPU in
			// the
			// benchmark's profile).
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			session = environment.createSession(modelBytes, options);
		}
		catch (OrtException ex) {
			throw new IncompatibleModel("Model " + source + " is not a loadable ONNX file: " + ex.getMessage(), ex);
		}
		try {
			Map<String, String> metadata = session.getMetadata().getCustomMetadata();
			String name = requireMetadata(metadata, "model_name", source);
			String version = requireMetadata(metadata, "model_version", source);
			double threshold = parseThreshold(requireMetadata(metadata, "threshold", source), source);
			int[] categories = parseCategories(requireMetadata(metadata, "categories", source), source);
			boolean takesText = checkInputs(session, NUMERIC_FEATURES + categories.length, source);
			if (!session.getOutputNames().contains(PROBABILITIES_OUTPUT)) {
				throw new IncompatibleModel("Model " + source + " has no '" + PROBABILITIES_OUTPUT + "' output; it has "
						+ session.getOutputNames());
			}
			ModerationModel model = new ModerationModel(environment, session, metadata, name, version, threshold,
					categories, takesText);
			logger.info("Loaded moderation model {} from {} (threshold {}, categories {}, inputs {})", model.version(),
					source, threshold, Arrays.toString(categories), session.getInputNames());
			return model;
		}
		catch (OrtException | RuntimeException ex) {
			closeQuietly(session);
			if (ex instanceof IncompatibleModel incompatible) {
				throw incompatible;
			}
			throw new IncompatibleModel("Model " + source + " could not be inspected: " + ex.getMessage(), ex);
		}
	}

	/** The version stored on every result: {@code <model_name>:<model_version>}. */
	public String version() {
		return this.name + ":" + this.version;
	}

	public double threshold() {
		return this.threshold;
	}

	/**
	 * The model file's metadata: evaluation figures, input schema, training provenance.
	 */
	public Map<String, String> metadata() {
		return this.metadata;
	}

	/**
	 * Scores advertisements in one onnxruntime call. An advertisement the model cannot
	 * take (a category it was not trained on) or that makes the model fail on its own
	 * gets an unscorable score; the others are unaffected.
	 * @return one score per advertisement, in order
	 */
	public List<Score> score(List<Advertisement> advertisements) {
		Score[] scores = new Score[advertisements.size()];
		List<Integer> scorable = new ArrayList<>(advertisements.size());
		List<Advertisement> batch = new ArrayList<>(advertisements.size());
		for (int i = 0; i < advertisements.size(); i++) {
			Advertisement advertisement = advertisements.get(i);
			String problem = unscorableReason(advertisement);
			if (problem != null) {
				scores[i] = Score.unscorable(Score.UNSUPPORTED_INPUT, problem);
			}
			else {
				scorable.add(i);
				batch.add(advertisement);
			}
		}
		for (int from = 0; from < batch.size(); from += MAX_ADS_PER_CALL) {
			Score[] callScores = scoreWithBoundedRetries(
					batch.subList(from, Math.min(batch.size(), from + MAX_ADS_PER_CALL)));
			for (int j = 0; j < callScores.length; j++) {
				scores[scorable.get(from + j)] = callScores[j];
			}
		}
		return Arrays.asList(scores);
	}

	/**
	 * One call for the batch; if it fails, one call per ad so a bad ad fails alone. If
	 * every ad fails on its own too, the fault is the model's, not the ads': try again a
	 * bounded number of times before reporting them unscorable.
	 */
	private Score[] scoreWithBoundedRetries(List<Advertisement> batch) {
		Score[] scores = new Score[batch.size()];
		for (int attempt = 1;; attempt++) {
			try {
				float[] probabilities = run(batch);
				for (int j = 0; j < batch.size(); j++) {
					scores[j] = Score.of(probabilities[j], this.threshold);
				}
				return scores;
			}
			catch (OrtException ex) {
				logger.warn("Batch of {} failed in the model (attempt {}), scoring one by one: {}", batch.size(),
						attempt, ex.getMessage());
			}
			boolean anyScored = false;
			for (int j = 0; j < batch.size(); j++) {
				scores[j] = scoreAlone(batch.get(j));
				anyScored |= scores[j].scored();
			}
			if (anyScored || attempt >= MODEL_ATTEMPTS) {
				return scores;
			}
			pause(Duration.ofMillis(200L * attempt));
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Score scoreAlone(Advertisement advertisement) {
		try {
			return Score.of(run(List.of(advertisement))[0], this.threshold);
		}
		catch (OrtException ex) {
			return Score.unscorable(Score.MODEL_ERROR,
					"The model could not score the advertisement: " + ex.getMessage());
		}
	}

	private float[] run(List<Advertisement> batch) throws OrtException {
		FloatBuffer buffer = FloatBuffer.allocate(batch.size() * this.featureCount);
		batch.forEach((advertisement) -> buffer.put(features(advertisement)));
		buffer.flip();
		Map<String, OnnxTensor> inputs = new HashMap<>();
		try {
			inputs.put(FEATURES_INPUT,
					OnnxTensor.createTensor(this.environment, buffer, new long[] { batch.size(), this.featureCount }));
			if (this.takesText) {
				String[] texts = batch.stream().map(ModerationModel::text).toArray(String[]::new);
				inputs.put(TEXT_INPUT, OnnxTensor.createTensor(this.environment, texts, new long[] { batch.size() }));
			}
			try (OrtSession.Result result = this.session.run(inputs, Set.of(PROBABILITIES_OUTPUT))) {
				OnnxValue output = result.get(PROBABILITIES_OUTPUT)
					.orElseThrow(() -> new OrtException("The model returned no " + PROBABILITIES_OUTPUT));
				float[][] probabilities = (float[][]) output.getValue();
				float[] violation = new float[batch.size()];
				for (int i = 0; i < violation.length; i++) {
					violation[i] = probabilities[i][1];
					if (!(violation[i] >= 0 && violation[i] <= 1)) {
						throw new OrtException("The model returned a probability outside [0, 1]: " + violation[i]);
					}
				}
				return violation;
			}
		}
		finally {
			inputs.values().forEach(OnnxTensor::close);
		}
	}

	/** The text input of the contract: the raw title and description, one line apart. */
	static String text(Advertisement advertisement) {
		return advertisement.title() + "\n" + advertisement.description();
	}

	/**
	 * The feature row of the model's input contract; computed in double, cast once, as in
	 * training.
	 */
	float[] features(Advertisement advertisement) {
		float[] row = new float[this.featureCount];
		row[0] = advertisement.sellerVerified() ? 1f : 0f;
		row[1] = advertisement.imagesQty();
		row[2] = (float) Math.log1p(advertisement.description().length());
		row[3] = (float) Math.log1p(advertisement.price().doubleValue());
		row[NUMERIC_FEATURES + categoryIndex(advertisement.category())] = 1f;
		return row;
	}

	private @Nullable String unscorableReason(Advertisement advertisement) {
		if (categoryIndex(advertisement.category()) < 0) {
			return "Category " + advertisement.category() + " is not known to model " + version();
		}
		if (advertisement.price().signum() < 0 || advertisement.imagesQty() < 0) {
			return "Advertisement has a negative price or image count";
		}
		return null;
	}

	private int categoryIndex(int category) {
		for (int i = 0; i < this.categories.length; i++) {
			if (this.categories[i] == category) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public void close() {
		closeQuietly(this.session);
	}

	/**
	 * Checks the inputs against what this worker sends.
	 * @return whether the model also takes the raw text
	 */
	private static boolean checkInputs(OrtSession session, int expectedFeatures, String source) throws OrtException {
		Map<String, NodeInfo> inputs = session.getInputInfo();
		NodeInfo features = inputs.get(FEATURES_INPUT);
		NodeInfo text = inputs.get(TEXT_INPUT);
		int expectedInputs = (text != null) ? 2 : 1;
		if (inputs.size() != expectedInputs || features == null) {
			throw new IncompatibleModel("Model " + source + " must take '" + FEATURES_INPUT + "' and optionally '"
					+ TEXT_INPUT + "'; it takes " + inputs.keySet());
		}
		if (!(features.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT
				|| tensor.getShape().length != 2 || tensor.getShape()[1] != expectedFeatures) {
			throw new IncompatibleModel("Model " + source + " input '" + FEATURES_INPUT + "' is " + features.getInfo()
					+ "; this worker sends FLOAT [n, " + expectedFeatures + "]");
		}
		if (text != null && (!(text.getInfo() instanceof TensorInfo textTensor)
				|| textTensor.type != OnnxJavaType.STRING || textTensor.getShape().length != 1)) {
			throw new IncompatibleModel("Model " + source + " input '" + TEXT_INPUT + "' is " + text.getInfo()
					+ "; this worker sends STRING [n]");
		}
		return text != null;
	}

	private static String requireMetadata(Map<String, String> metadata, String key, String source) {
		String value = metadata.get(key);
		if (value == null || value.isBlank()) {
			throw new IncompatibleModel("Model " + source + " has no '" + key + "' in its metadata");
		}
		return value.trim();
	}

	private static double parseThreshold(String value, String source) {
		try {
			double threshold = Double.parseDouble(value);
			if (threshold > 0 && threshold < 1) {
				return threshold;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IncompatibleModel("Model " + source + " has threshold '" + value + "'; it must be in (0, 1)");
	}

	private static int[] parseCategories(String value, String source) {
		try {
			return Arrays.stream(value.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
		}
		catch (NumberFormatException ex) {
			throw new IncompatibleModel("Model " + source + " has categories '" + value + "'; expected e.g. 1,2,3");
		}
	}

	private static void closeQuietly(OrtSession session) {
		try {
			session.close();
		}
		catch (OrtException ex) {
			logger.debug("Closing the model session failed", ex);
		}
	}

}
