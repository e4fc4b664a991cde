package org.admoderation.worker.mlflow;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.admoderation.model.PolicyModel;
import org.admoderation.worker.mlflow.MlflowClient.ModelVersion;
import org.admoderation.worker.scoring.ModelRegistration;
import org.admoderation.worker.scoring.ModelSource;
import org.admoderation.worker.scoring.ModelUnavailable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code REGISTER_MODEL=true}: registers the bundled model in MLflow at start-up as a new
 * version of {@code moderation.mlflow.model-name}, with its metadata as run parameters
 * and its evaluation figures as metrics, and points the alias at it.
 */
public class BundledModelRegistration implements ModelRegistration {

	static final String SHA256_PARAMETER = "sha256";

	private static final Logger logger = LoggerFactory.getLogger(BundledModelRegistration.class);

	private final MlflowClient client;

	private final MlflowProperties properties;

	private final ModelSource bundled;

	public BundledModelRegistration(MlflowClient client, MlflowProperties properties, ModelSource bundled) {
		this.client = client;
		this.properties = properties;
		this.bundled = bundled;
	}

	@Override
	public void registerBundledModel() {
		register();
	}

	/**
	 * @return the registered version
	 * @throws org.admoderation.worker.scoring.ModelUnavailable when MLflow refuses or is
	 * unreachable
	 */
	public ModelVersion register() {
		byte[] file = this.bundled.fetch();
		String sha256 = sha256(file);
		ModelVersion current = currentVersionWithSameFile(sha256);
		if (current != null) {
			logger.info("{} is already registered in MLflow as version {} with alias '{}'; not registering again",
					this.bundled.description(), current.version(), this.properties.alias());
			return current;
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		Map<String, Double> metrics = new LinkedHashMap<>();
		PolicyModel.metadataOf(file, this.bundled.description()).forEach((key, value) -> {
			try {
				metrics.put(key, Double.parseDouble(value));
			}
			catch (NumberFormatException notANumber) {
				parameters.put(key, value.substring(0, Math.min(value.length(), 500)));
			}
		});
		parameters.put("source", this.bundled.description());
		parameters.put(SHA256_PARAMETER, sha256);
		ModelVersion version = this.client.register(this.properties.modelName(), file, this.properties.artifactFile(),
				this.properties.experimentName(), this.properties.alias(), parameters, metrics);
		logger.info("Registered {} in MLflow at {} as version {} with alias '{}'", this.bundled.description(),
				this.properties.trackingUri(), version.version(), this.properties.alias());
		return version;
	}

	private @Nullable ModelVersion currentVersionWithSameFile(String sha256) {
		try {
			ModelVersion current = this.client.resolve(this.properties.modelName(), this.properties.alias(), null);
			return sha256.equals(this.client.runParameter(current.runId(), SHA256_PARAMETER)) ? current : null;
		}
		catch (ModelUnavailable notRegisteredYet) {
			return null;
		}
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
