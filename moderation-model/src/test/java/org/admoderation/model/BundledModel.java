package org.admoderation.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

import org.admoderation.model.encoder.SentenceEncoder;

/**
 * The shipped head and encoder, loaded once for all tests of a JVM (the encoder takes a
 * second).
 */
final class BundledModel {

	static final SentenceEncoder ENCODER = SentenceEncoder.bundled(1);

	static final PolicyModel MODEL = load(Map.of());

	private BundledModel() {
	}

	static byte[] head() {
		try (InputStream in = Objects.requireNonNull(
				BundledModel.class.getResourceAsStream("/model/moderation-policies.onnx"), "the head is missing")) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static PolicyModel load(Map<Policy, Thresholds.Configured> overrides) {
		return PolicyModel.load(head(), "bundled head", 1, ENCODER, overrides);
	}

}
