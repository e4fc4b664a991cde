package org.admoderation.worker.mlflow;

import org.admoderation.worker.mlflow.MlflowClient.ModelVersion;
import org.admoderation.worker.scoring.ModelSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registered in MLflow under a name, resolved by alias (or a fixed version)
 * each time the worker loads it.
 */
public class MlflowModelSource implements ModelSource {

	private static final Logger logger = LoggerFactory.getLogger(MlflowModelSource.class);

	private final MlflowClient client;

	private final MlflowProperties properties;

	public MlflowModelSource(MlflowClient client, MlflowProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	@Override
	public String description() {
		return "MLflow model " + this.properties.reference() + " at " + this.properties.trackingUri();
	}

	@Override
	public byte[] fetch() {
		ModelVersion version = this.client.resolve(this.properties.modelName(), this.properties.alias(),
				this.properties.version());
		logger.info("MLflow resolved {} to version {} (run {})", this.properties.reference(), version.version(),
				version.runId());
		return this.client.download(version, this.properties.artifactFile());
	}

}
