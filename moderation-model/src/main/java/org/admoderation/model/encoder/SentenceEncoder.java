package org.admoderation.model.encoder;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.extensions.OrtxPackage;

import org.admoderation.model.IncompatibleModel;

/**
 * Google's Universal Sentence Encoder multilingual v3 (int8, its SentencePiece tokenizer
 * inside the graph as an onnxruntime-extensions custom op): text in, a unit vector of 512
 * floats out, close for texts that mean the same in any of its 16 languages. It is the
 * fixed, pretrained part of the model; the head is trained on its vectors.
 */
public final class SentenceEncoder implements AutoCloseable {

	/** The bundled encoder, from the {@code model-encoder} module. */
	public static final String BUNDLED_RESOURCE = "/org/admoderation/model/encoder/universal-sentence-encoder-multilingual-3-int8.onnx";

	public static final String NAME = "universal-sentence-encoder-multilingual-3-int8";

	public static final int DIMENSIONS = 512;

	private final OrtEnvironment environment;

	private final OrtSession session;

	private final String inputName;

	private final String sha256;

	private SentenceEncoder(OrtEnvironment environment, OrtSession session, String sha256) {
		this.environment = environment;
		this.session = session;
		this.inputName = session.getInputNames().iterator().next();
		this.sha256 = sha256;
	}

	/** The encoder shipped with this code. */
	public static SentenceEncoder bundled(int intraOpThreads) {
		URL resource = Objects.requireNonNull(SentenceEncoder.class.getResource(BUNDLED_RESOURCE),
				"The sentence encoder is missing from the classpath: " + BUNDLED_RESOURCE);
		try {
			URLConnection connection = resource.openConnection();
			long size = connection.getContentLengthLong();
			try (InputStream in = connection.getInputStream()) {
				// One array of the file's size: readAllBytes would hold the 72 MB twice
				// on the heap while it assembles its chunks.
				return load((size >= 0) ? readExactly(in, size) : in.readAllBytes(), intraOpThreads);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] readExactly(InputStream in, long size) throws IOException {
		byte[] bytes = new byte[Math.toIntExact(size)];
		new DataInputStream(in).readFully(bytes);
		if (in.read() != -1) {
			throw new IOException("The sentence encoder is longer than its declared " + size + " bytes");
		}
		return bytes;
	}

	public static SentenceEncoder load(byte[] model, int intraOpThreads) {
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.registerCustomOpLibrary(OrtxPackage.getLibraryPath());
			options.setIntraOpNumThreads(intraOpThreads);
			// Pool threads spin between calls otherwise, taking the cores PostgreSQL and
			// the broker need.
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			OrtSession session = environment.createSession(model, options);
			return new SentenceEncoder(environment, session, sha256(model));
		}
		catch (OrtException ex) {
			throw new IncompatibleModel("The sentence encoder could not be loaded: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The sha256 of the encoder file, which a head names as the encoder it was trained
	 * on.
	 */
	public String sha256() {
		return this.sha256;
	}

	/** One unit vector per text, in order. */
	public float[][] encode(List<String> texts) throws OrtException {
		try (OnnxTensor input = OnnxTensor.createTensor(this.environment, texts.toArray(String[]::new),
				new long[] { texts.size() });
				OrtSession.Result result = this.session.run(Map.of(this.inputName, input))) {
			return (float[][]) result.get(0).getValue();
		}
	}

	/**
	 * The first {@code maxChars} UTF-16 code units of a text, never splitting a surrogate
	 * pair: the encoder's cost grows with length, and what an ad is about is said first.
	 */
	public static String bounded(String text, int maxChars) {
		if (text.length() <= maxChars) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
		return text.substring(0, end);
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.session.close();
		}
		catch (OrtException ex) {
			// nothing to do about it on the way out
		}
	}

}
