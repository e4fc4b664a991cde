package org.admoderation.model;

import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.admoderation.model.encoder.SentenceEncoder;
import org.admoderation.model.signals.DetectedSignals;
import org.admoderation.model.signals.Signal;
import org.admoderation.model.signals.TextSignals;

/**
 * The moderation model: the detectors' signals and the sentence encoder's vector of each
 * ad go into the trained head (an ONNX graph), which scores every text policy on its own;
 * two listing rules add the review-only policies; each policy's two thresholds turn its
 * score into approve, review or reject, and the most severe decides.
 * <p>
 * The head is the retrained, versioned file ({@code moderation-policies.onnx}); its
 * metadata names the signals and the encoder it was trained on, the prototype groups, the
 * policies it scores and their default thresholds, which configuration may override. The
 * encoder is fixed and loaded once. Thread-safe: onnxruntime sessions allow concurrent
 * runs.
 */
public final class PolicyModel implements AutoCloseable {

	static final String EMBEDDING_INPUT = "embedding";

	static final String SIGNALS_INPUT = "signals";

	static final String SCORES_OUTPUT = "policy_scores";

	static final String SIMILARITY_OUTPUT = "prototype_similarity";

	/** Calls of a batch whose every ad fails, before the ads are reported unscorable. */
	static final int MODEL_ATTEMPTS = 3;

	/**
	 * Ads per encoder call: the encoder pads a call to its longest text, so calls stay
	 * small and their texts of similar length. onnxruntime's arena keeps the largest
	 * call's buffers: at 256 characters a call of 32 ads held about 90 MB more than a
	 * call of 8, for about the same cost per ad (model/encoder-bound.md).
	 */
	static final int MAX_ADS_PER_CALL = 8;

	/** How long {@link #close()} waits for a call still scoring. */
	public static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(PolicyModel.class);

	/**
	 * The prohibited-goods subtypes, one per lexicon: a prototype group a reason may
	 * name.
	 */
	private static final Set<String> PROHIBITED_SUBTYPES = Set
		.copyOf(Policy.PROHIBITED_GOODS.evidenceSignals().stream().map(Policy::subtypeOf).toList());

	private final OrtEnvironment environment;

	private final OrtSession head;

	/**
	 * Held (shared) by every {@link #score} call and (exclusively) by {@link #close}:
	 * onnxruntime's native session must not be freed under a call still running on it, as
	 * happened when a worker stopped, or a reload replaced the model, mid-batch.
	 */
	private final ReentrantReadWriteLock use = new ReentrantReadWriteLock();

	private volatile boolean closed;

	private final SentenceEncoder encoder;

	private final TextSignals detectors;

	private final ListingRules rules;

	private final String name;

	private final String version;

	private final List<Policy> headPolicies;

	private final List<String> prototypeGroups;

	private final Map<Policy, Thresholds> thresholds;

	private final Map<Policy, List<Signal>> evidenceSignals;

	private final int encoderMaxChars;

	private final Set<Integer> categories;

	private final Map<String, String> metadata;

	private PolicyModel(OrtEnvironment environment, OrtSession head, SentenceEncoder encoder,
			Map<String, String> metadata, List<Policy> headPolicies, List<String> prototypeGroups,
			Map<Policy, Thresholds> thresholds, Map<Policy, List<Signal>> evidenceSignals, int encoderMaxChars,
			Set<Integer> categories) {
		this.environment = environment;
		this.head = head;
		this.encoder = encoder;
		this.detectors = TextSignals.standard();
		this.rules = ListingRules.standard();
		this.name = metadata.get("model_name");
		this.version = metadata.get("model_version");
		this.headPolicies = List.copyOf(headPolicies);
		this.prototypeGroups = List.copyOf(prototypeGroups);
		this.thresholds = thresholds;
		this.evidenceSignals = evidenceSignals;
		this.encoderMaxChars = encoderMaxChars;
		this.categories = Set.copyOf(categories);
		this.metadata = Map.copyOf(metadata);
	}

	/**
	 * Loads a head and checks it against the detectors and the encoder at hand.
	 * @param headBytes the head's ONNX file
	 * @param source where it came from, for messages
	 * @param encoder the sentence encoder; the head must name its sha256
	 * @param overrides thresholds that replace the head's defaults, by policy (either of
	 * a pair may be left out)
	 * @throws IncompatibleModel with a reason an operator can act on
	 */
	public static PolicyModel load(byte[] headBytes, String source, int intraOpThreads, SentenceEncoder encoder,
			Map<Policy, Thresholds.Configured> overrides) {
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		OrtSession session;
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(intraOpThreads);
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			session = environment.createSession(headBytes, options);
		}
		catch (OrtException ex) {
			throw new IncompatibleModel("Model " + source + " is not a loadable ONNX file: " + ex.getMessage(), ex);
		}
		try {
			Map<String, String> metadata = session.getMetadata().getCustomMetadata();
			requireMetadata(metadata, "model_name", source);
			requireMetadata(metadata, "model_version", source);
			List<String> signals = list(requireMetadata(metadata, "signals", source));
			if (!signals.equals(TextSignals.names())) {
				throw new IncompatibleModel("Model " + source + " was trained on the signals " + signals
						+ "; this worker computes " + TextSignals.names());
			}
			String encoderSha = requireMetadata(metadata, "encoder_sha256", source);
			if (!encoderSha.equals(encoder.sha256())) {
				throw new IncompatibleModel("Model " + source + " was trained on encoder " + encoderSha
						+ "; this worker has " + encoder.sha256());
			}
			List<Policy> policies = new ArrayList<>();
			for (String code : list(requireMetadata(metadata, "policies", source))) {
				Policy policy = parsePolicy(code, source);
				if (policy.reviewOnly()) {
					throw new IncompatibleModel("Model " + source + " scores " + code + ", a rule-only policy");
				}
				policies.add(policy);
			}
			List<String> groups = list(requireMetadata(metadata, "prototype_groups", source));
			checkInputsAndOutputs(session, signals.size(), policies.size(), groups.size(), source);
			Map<Policy, Thresholds> thresholds = thresholds(requireMetadata(metadata, "thresholds", source), source);
			for (Policy policy : Policy.values()) {
				if (!thresholds.containsKey(policy)) {
					throw new IncompatibleModel("Model " + source + " has no thresholds for " + policy.code());
				}
				if (policy.reviewOnly() && thresholds.get(policy).reject() != null) {
					throw new IncompatibleModel("Model " + source + " would let " + policy.code()
							+ " reject ads; it can only send them to review");
				}
			}
			overrides.forEach((policy, override) -> {
				if (policy.reviewOnly() && override.reject() != null) {
					throw new IncompatibleModel(
							policy.code() + " can only send ads to review; it takes no reject threshold");
				}
				thresholds.put(policy, thresholds.get(policy).with(override, policy.code()));
			});
			int maxChars = Integer.parseInt(requireMetadata(metadata, "encoder_max_chars", source));
			Set<Integer> categories = new java.util.HashSet<>();
			for (String code : list(requireMetadata(metadata, "categories", source))) {
				categories.add(Integer.parseInt(code));
			}
			Map<Policy, List<Signal>> evidence = evidenceSignals(metadata.get("evidence_signals"), policies, source);
			PolicyModel model = new PolicyModel(environment, session, encoder, metadata, policies, groups, thresholds,
					evidence, maxChars, categories);
			logger.info("Loaded moderation model {} from {} (policies {}, thresholds {})", model.version(), source,
					list(metadata.get("policies")), thresholds);
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

	/**
	 * A head's metadata, read without loading the encoder (for registering it in MLflow).
	 * @throws IncompatibleModel when the file is not ONNX
	 */
	public static Map<String, String> metadataOf(byte[] headBytes, String source) {
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
				OrtSession session = OrtEnvironment.getEnvironment().createSession(headBytes, options)) {
			return Map.copyOf(session.getMetadata().getCustomMetadata());
		}
		catch (OrtException ex) {
			throw new IncompatibleModel("Model " + source + " is not a loadable ONNX file: " + ex.getMessage(), ex);
		}
	}

	/** The version stored on every result: {@code <model_name>:<model_version>}. */
	public String version() {
		return this.name + ":" + this.version;
	}

	/** The thresholds in force, defaults and overrides together. */
	public Map<Policy, Thresholds> thresholds() {
		return Map.copyOf(this.thresholds);
	}

	/** The head's metadata: evaluation figures, provenance, defaults. */
	public Map<String, String> metadata() {
		return this.metadata;
	}

	/** What the encoder reads of an ad: the title and the description, bounded. */
	public static String encoderText(Advertisement advertisement, int maxChars) {
		String title = advertisement.title();
		String description = advertisement.description();
		// bound before joining: a long description is not copied whole for the prefix
		String start = description.substring(0, Math.min(description.length(), Math.max(0, maxChars - title.length())));
		return SentenceEncoder.bounded(title + "\n" + start, maxChars);
	}

	/**
	 * Scores advertisements. An ad the model cannot take, or that makes the model fail on
	 * its own, gets an unscorable score; the others are unaffected.
	 * @return one score per advertisement, in order
	 */
	public List<Score> score(List<Advertisement> advertisements) {
		this.use.readLock().lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("Model " + version() + " is closed");
			}
			return scoreOpen(advertisements);
		}
		finally {
			this.use.readLock().unlock();
		}
	}

	/** Whether a call is scoring right now. */
	public boolean busy() {
		return this.use.getReadLockCount() > 0;
	}

	private List<Score> scoreOpen(List<Advertisement> advertisements) {
		Score[] scores = new Score[advertisements.size()];
		List<Integer> scorable = new ArrayList<>(advertisements.size());
		for (int i = 0; i < advertisements.size(); i++) {
			Advertisement advertisement = advertisements.get(i);
			if (!this.categories.contains(advertisement.category())) {
				// the listing rules and the thresholds were set for the marketplace's
				// categories
				scores[i] = Score.unscorable(Score.UNSUPPORTED_INPUT,
						"Category " + advertisement.category() + " is not known to model " + version());
			}
			else if (advertisement.price().signum() < 0 || advertisement.imagesQty() < 0) {
				scores[i] = Score.unscorable(Score.UNSUPPORTED_INPUT,
						"Advertisement has a negative price or image count");
			}
			else {
				scorable.add(i);
			}
		}
		// Texts of similar length share a call, so the encoder pads little.
		int[] lengths = new int[advertisements.size()];
		for (int i : scorable) {
			lengths[i] = encoderText(advertisements.get(i), this.encoderMaxChars).length();
		}
		scorable.sort(Comparator.comparingInt((Integer i) -> lengths[i]));
		for (int from = 0; from < scorable.size(); from += MAX_ADS_PER_CALL) {
			List<Integer> call = scorable.subList(from, Math.min(scorable.size(), from + MAX_ADS_PER_CALL));
			List<Advertisement> batch = call.stream().map(advertisements::get).toList();
			Score[] callScores = scoreWithBoundedRetries(batch);
			for (int j = 0; j < callScores.length; j++) {
				scores[call.get(j)] = callScores[j];
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
				return run(batch).toArray(Score[]::new);
			}
			catch (OrtException | RuntimeException ex) {
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

	private Score scoreAlone(Advertisement advertisement) {
		try {
			return run(List.of(advertisement)).get(0);
		}
		catch (OrtException | RuntimeException ex) {
			return Score.unscorable(Score.MODEL_ERROR,
					"The model could not score the advertisement: " + ex.getMessage());
		}
	}

	private List<Score> run(List<Advertisement> batch) throws OrtException {
		List<DetectedSignals> detected = batch.stream().map(this.detectors::detect).toList();
		float[][] embeddings = this.encoder
			.encode(batch.stream().map((ad) -> encoderText(ad, this.encoderMaxChars)).toList());
		int signalCount = Signal.values().length;
		FloatBuffer embeddingBuffer = FloatBuffer.allocate(batch.size() * SentenceEncoder.DIMENSIONS);
		FloatBuffer signalBuffer = FloatBuffer.allocate(batch.size() * signalCount);
		for (int i = 0; i < batch.size(); i++) {
			embeddingBuffer.put(embeddings[i]);
			signalBuffer.put(detected.get(i).values());
		}
		embeddingBuffer.flip();
		signalBuffer.flip();
		try (OnnxTensor embedding = OnnxTensor.createTensor(this.environment, embeddingBuffer,
				new long[] { batch.size(), SentenceEncoder.DIMENSIONS });
				OnnxTensor signals = OnnxTensor.createTensor(this.environment, signalBuffer,
						new long[] { batch.size(), signalCount });
				OrtSession.Result result = this.head.run(Map.of(EMBEDDING_INPUT, embedding, SIGNALS_INPUT, signals),
						Set.of(SCORES_OUTPUT, SIMILARITY_OUTPUT))) {
			float[][] policyScores = floatMatrix(result, SCORES_OUTPUT, batch.size(), this.headPolicies.size());
			float[][] similarity = floatMatrix(result, SIMILARITY_OUTPUT, batch.size(), this.prototypeGroups.size());
			List<Score> scores = new ArrayList<>(batch.size());
			for (int i = 0; i < batch.size(); i++) {
				scores.add(verdict(batch.get(i), detected.get(i), policyScores[i], similarity[i]));
			}
			return scores;
		}
	}

	private Score verdict(Advertisement ad, DetectedSignals signals, float[] policyScores, float[] similarity)
			throws OrtException {
		List<Reason> reasons = new ArrayList<>();
		Map<String, Decision> decisions = new java.util.HashMap<>();
		Decision decision = Decision.APPROVE;
		double clean = 1;
		for (int p = 0; p < this.headPolicies.size(); p++) {
			double score = policyScores[p];
			if (!(score >= 0 && score <= 1)) {
				throw new OrtException("The model returned a score outside [0, 1]: " + score);
			}
			clean *= 1 - score;
			Policy policy = this.headPolicies.get(p);
			Decision policyDecision = this.thresholds.get(policy).decide(score);
			if (policyDecision != Decision.APPROVE) {
				decision = decision.atLeast(policyDecision);
				decisions.put(policy.code(), policyDecision);
				reasons.add(new Reason(policy.code(),
						(policy == Policy.PROHIBITED_GOODS) ? subtype(signals, similarity) : null, rounded(score),
						evidence(this.evidenceSignals.get(policy), signals)));
			}
		}
		for (Reason rule : new Reason[] { this.rules.suspiciousPrice(ad), this.rules.thinListing(ad) }) {
			if (rule != null) {
				if (rule.code().equals(Policy.SUSPICIOUS_PRICE.code())) {
					// a likely fraud is a likely violation; a thin listing is only thin
					clean *= 1 - rule.score();
				}
				Decision ruleDecision = this.thresholds.get(Policy.fromCode(rule.code())).decide(rule.score());
				if (ruleDecision != Decision.APPROVE) {
					decision = decision.atLeast(ruleDecision);
					decisions.put(rule.code(), ruleDecision);
					reasons.add(rule);
				}
			}
		}
		// strongest first: what rejected the ad before what only sends it to review
		reasons.sort(Comparator.comparing((Reason reason) -> decisions.get(reason.code()))
			.reversed()
			.thenComparing(Comparator.comparingDouble(Reason::score).reversed()));
		return Score.of(1 - clean, decision, reasons);
	}

	/** Four decimals say all a score can: the rest is float noise that differs by CPU. */
	static double rounded(double score) {
		return Math.round(score * 10_000) / 10_000.0;
	}

	private static List<Evidence> evidence(List<Signal> evidenceSignals, DetectedSignals signals) {
		List<Evidence> evidence = new ArrayList<>();
		for (Signal signal : evidenceSignals) {
			for (Evidence span : signals.evidence(signal)) {
				if (evidence.size() < 5 && evidence.stream().noneMatch((seen) -> overlaps(seen, span))) {
					evidence.add(span);
				}
			}
		}
		return evidence;
	}

	private static boolean overlaps(Evidence a, Evidence b) {
		return a.field().equals(b.field()) && a.start() < b.end() && b.start() < a.end();
	}

	/**
	 * The kind of prohibited goods: the lexicon's strongest subtype, or else the
	 * prototype group the ad is most similar to.
	 */
	private @Nullable String subtype(DetectedSignals signals, float[] similarity) {
		Signal strongest = null;
		for (Signal lexicon : Policy.PROHIBITED_GOODS.evidenceSignals()) {
			if (signals.value(lexicon) > 0
					&& (strongest == null || signals.value(lexicon) > signals.value(strongest))) {
				strongest = lexicon;
			}
		}
		if (strongest != null) {
			return Policy.subtypeOf(strongest);
		}
		String best = null;
		float bestSimilarity = Float.NEGATIVE_INFINITY;
		for (int g = 0; g < this.prototypeGroups.size(); g++) {
			if (PROHIBITED_SUBTYPES.contains(this.prototypeGroups.get(g)) && similarity[g] > bestSimilarity) {
				best = this.prototypeGroups.get(g);
				bestSimilarity = similarity[g];
			}
		}
		return best;
	}

	private static void checkInputsAndOutputs(OrtSession session, int signalCount, int policyCount, int groupCount,
			String source) throws OrtException {
		Map<String, NodeInfo> inputs = session.getInputInfo();
		if (!inputs.keySet().equals(Set.of(EMBEDDING_INPUT, SIGNALS_INPUT))) {
			throw new IncompatibleModel("Model " + source + " must take '" + EMBEDDING_INPUT + "' and '" + SIGNALS_INPUT
					+ "'; it takes " + inputs.keySet());
		}
		requireFloatMatrix(inputs.get(EMBEDDING_INPUT), SentenceEncoder.DIMENSIONS, false, source);
		requireFloatMatrix(inputs.get(SIGNALS_INPUT), signalCount, false, source);
		Map<String, NodeInfo> outputs = session.getOutputInfo();
		if (!outputs.keySet().containsAll(Set.of(SCORES_OUTPUT, SIMILARITY_OUTPUT))) {
			throw new IncompatibleModel("Model " + source + " must output '" + SCORES_OUTPUT + "' and '"
					+ SIMILARITY_OUTPUT + "'; it has " + outputs.keySet());
		}
		// A head may leave an output's width open; run() checks what it returns.
		requireFloatMatrix(outputs.get(SCORES_OUTPUT), policyCount, true, source);
		requireFloatMatrix(outputs.get(SIMILARITY_OUTPUT), groupCount, true, source);
	}

	/**
	 * @param columns the width the worker sends (an input) or reads (an output): exactly
	 * that many columns for an input, at least that many for an output, which may also
	 * leave its width undeclared (-1)
	 */
	private static void requireFloatMatrix(NodeInfo node, int columns, boolean output, String source) {
		boolean fits = node.getInfo() instanceof TensorInfo tensor && tensor.type == OnnxJavaType.FLOAT
				&& tensor.getShape().length == 2
				&& (output ? (tensor.getShape()[1] < 0 || tensor.getShape()[1] >= columns)
						: tensor.getShape()[1] == columns);
		if (!fits) {
			throw new IncompatibleModel(
					"Model " + source + (output ? " output '" : " input '") + node.getName() + "' is " + node.getInfo()
							+ "; this worker " + (output ? "reads" : "sends") + " FLOAT [n, " + columns + "]");
		}
	}

	/**
	 * An output as the worker reads it, checked: a head whose width was left open may
	 * still return another type or too few columns, which must be a model error with its
	 * reason rather than a ClassCastException or an index out of bounds.
	 */
	private static float[][] floatMatrix(OrtSession.Result result, String output, int rows, int columns)
			throws OrtException {
		Object value = result.get(output).orElseThrow().getValue();
		if (!(value instanceof float[][] matrix) || matrix.length != rows
				|| Arrays.stream(matrix).anyMatch((row) -> row.length < columns)) {
			throw new IncompatibleModel("The model's output '" + output + "' is not FLOAT [" + rows + ", " + columns
					+ "]: " + result.get(output).orElseThrow().getInfo());
		}
		return matrix;
	}

	/**
	 * Each policy's evidence: the signals of {@link Policy#evidenceSignals()} that the
	 * head says raise its score (metadata {@code evidence_signals}, written by training).
	 * A match the head gives no weight, a hashtag or a bare messenger name, explains
	 * nothing. A policy the entry does not name (or a head without it) shows every
	 * evidence signal.
	 */
	private static Map<Policy, List<Signal>> evidenceSignals(@Nullable String json, List<Policy> policies,
			String source) {
		Map<Policy, List<Signal>> evidence = new EnumMap<>(Policy.class);
		policies.forEach((policy) -> evidence.put(policy, policy.evidenceSignals()));
		if (json == null || json.isBlank()) {
			return evidence;
		}
		try {
			JsonNode root = new ObjectMapper().readTree(json);
			if (!root.isObject()) {
				throw new IncompatibleModel(
						"Model " + source + " has evidence signals that are not an object: " + json);
			}
			for (Map.Entry<String, JsonNode> entry : root.properties()) {
				String code = entry.getKey();
				if (policies.stream().noneMatch((policy) -> policy.code().equals(code))) {
					throw new IncompatibleModel("Model " + source + " names evidence signals for '" + code
							+ "', a policy it does not score");
				}
				if (!entry.getValue().isArray()) {
					throw new IncompatibleModel("Model " + source + " has evidence signals for " + code
							+ " that are not a list: " + entry.getValue());
				}
			}
			for (Policy policy : policies) {
				if (!root.has(policy.code())) {
					continue;
				}
				Set<String> raising = new java.util.HashSet<>();
				root.get(policy.code()).forEach((signal) -> raising.add(signal.asString()));
				if (!TextSignals.names().containsAll(raising)) {
					throw new IncompatibleModel("Model " + source + " names unknown evidence signals for "
							+ policy.code() + ": " + raising);
				}
				evidence.put(policy,
						policy.evidenceSignals().stream().filter((signal) -> raising.contains(signal.key())).toList());
			}
		}
		catch (RuntimeException ex) {
			if (ex instanceof IncompatibleModel incompatible) {
				throw incompatible;
			}
			throw new IncompatibleModel("Model " + source + " has unreadable evidence signals: " + ex.getMessage(), ex);
		}
		return evidence;
	}

	private static Map<Policy, Thresholds> thresholds(String json, String source) {
		Map<Policy, Thresholds> thresholds = new EnumMap<>(Policy.class);
		try {
			JsonNode root = new ObjectMapper().readTree(json);
			for (Map.Entry<String, JsonNode> entry : root.properties()) {
				JsonNode reject = entry.getValue().get("reject");
				thresholds.put(parsePolicy(entry.getKey(), source),
						new Thresholds(entry.getValue().get("review").asDouble(),
								(reject == null || reject.isNull()) ? null : reject.asDouble()));
			}
		}
		catch (RuntimeException ex) {
			if (ex instanceof IncompatibleModel incompatible) {
				throw incompatible;
			}
			throw new IncompatibleModel("Model " + source + " has unreadable thresholds: " + ex.getMessage(), ex);
		}
		return thresholds;
	}

	private static Policy parsePolicy(String code, String source) {
		try {
			return Policy.fromCode(code);
		}
		catch (IllegalArgumentException ex) {
			throw new IncompatibleModel("Model " + source + " names an unknown policy '" + code + "'");
		}
	}

	private static List<String> list(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).filter((item) -> !item.isEmpty()).toList();
	}

	private static String requireMetadata(Map<String, String> metadata, String key, String source) {
		String value = metadata.get(key);
		if (value == null || value.isBlank()) {
			throw new IncompatibleModel("Model " + source + " has no '" + key + "' in its metadata");
		}
		return value.trim();
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		closeWhenIdle(CLOSE_WAIT);
	}

	/**
	 * Frees the model once no call is scoring on it, waiting at most {@code wait}; a
	 * model still busy then is left open (the process is ending, or the old model of a
	 * reload leaks) rather than freed under the running call.
	 * @return whether it was closed
	 */
	public boolean closeWhenIdle(Duration wait) {
		try {
			if (!this.use.writeLock().tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Model {} still scoring after {} s; left open", version(), wait.toSeconds());
				return false;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		try {
			if (!this.closed) {
				this.closed = true;
				closeQuietly(this.head);
			}
			return true;
		}
		finally {
			this.use.writeLock().unlock();
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
