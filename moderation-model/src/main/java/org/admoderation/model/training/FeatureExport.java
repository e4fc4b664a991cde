package org.admoderation.model.training;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OrtException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.admoderation.model.Advertisement;
import org.admoderation.model.ListingRules;
import org.admoderation.model.PolicyModel;
import org.admoderation.model.Reason;
import org.admoderation.model.encoder.SentenceEncoder;
import org.admoderation.model.signals.DetectedSignals;
import org.admoderation.model.signals.TextSignals;

/**
 * Computes, for training, exactly what the worker computes when it scores: the detectors'
 * signals and the encoder's vectors, so the head is trained on the serving code's
 * features and training needs no second implementation of them. {@code model/train.sh}
 * runs it.
 *
 * <pre>
 * FeatureExport ads MAX_CHARS in.jsonl out-prefix   -> out-prefix.signals.f32, .rules.f32, .embeddings.f32, .json
 * FeatureExport texts in.txt out-prefix              -> out-prefix.embeddings.f32 (one text a line)
 * </pre>
 *
 * Matrices are little-endian float32, row-major; the JSON names the signals and the
 * shapes.
 */
public final class FeatureExport {

	private static final int BATCH = 32;

	private FeatureExport() {
	}

	public static void main(String[] args) throws IOException, OrtException {
		if (args.length == 4 && args[0].equals("ads")) {
			exportAds(Integer.parseInt(args[1]), Path.of(args[2]), args[3]);
		}
		else if (args.length == 3 && args[0].equals("texts")) {
			exportTexts(Path.of(args[1]), args[2]);
		}
		else {
			System.err.println("usage: FeatureExport ads MAX_CHARS in.jsonl out-prefix | texts in.txt out-prefix");
			System.exit(2);
		}
	}

	private static void exportAds(int maxChars, Path input, String prefix) throws IOException, OrtException {
		List<Advertisement> ads = LabelledAds.read(input).stream().map(LabelledAds.Labelled::ad).toList();
		TextSignals detectors = TextSignals.standard();
		ListingRules rules = ListingRules.standard();
		try (OutputStream signals = output(prefix + ".signals.f32");
				OutputStream ruleScores = output(prefix + ".rules.f32")) {
			for (Advertisement ad : ads) {
				DetectedSignals detected = detectors.detect(ad);
				write(signals, detected.values());
				write(ruleScores, new float[] { scoreOf(rules.suspiciousPrice(ad)), scoreOf(rules.thinListing(ad)) });
			}
		}
		List<String> texts = ads.stream().map((ad) -> PolicyModel.encoderText(ad, maxChars)).toList();
		encode(texts, prefix + ".embeddings.f32");
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("rows", ads.size());
		header.put("signals", TextSignals.names());
		header.put("embedding_dimensions", SentenceEncoder.DIMENSIONS);
		header.put("encoder_max_chars", maxChars);
		new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(Path.of(prefix + ".json").toFile(), header);
	}

	private static float scoreOf(@Nullable Reason rule) {
		return (rule != null) ? (float) rule.score() : 0f;
	}

	private static void exportTexts(Path input, String prefix) throws IOException, OrtException {
		List<String> texts = Files.readAllLines(input).stream().filter((line) -> !line.isBlank()).toList();
		encode(texts, prefix + ".embeddings.f32");
	}

	private static void encode(List<String> texts, String path) throws IOException, OrtException {
		try (SentenceEncoder encoder = SentenceEncoder.bundled(1); OutputStream out = output(path)) {
			for (int from = 0; from < texts.size(); from += BATCH) {
				for (float[] vector : encoder.encode(texts.subList(from, Math.min(texts.size(), from + BATCH)))) {
					write(out, vector);
				}
			}
		}
	}

	private static OutputStream output(String path) throws IOException {
		return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(path)), 1 << 16));
	}

	private static void write(OutputStream out, float[] row) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(row.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asFloatBuffer().put(row);
		out.write(buffer.array());
	}

}
