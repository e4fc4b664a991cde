package org.admoderation.worker.scoring;

/**
 * Where the worker's model comes from: the bundled file, a file of the operator's
 * ({@code MODEL_PATH}), or an MLflow registry ({@code USE_MLFLOW=true}).
 */
public interface ModelSource {

	/**
	 * For logs and health: what this source is, e.g.
	 * {@code MLflow moderation-policies@champion}.
	 */
	String description();

	/**
	 * Fetches the ONNX file.
	 * @throws ModelUnavailable when it cannot be fetched, with a reason an operator can
	 * act on
	 */
	byte[] fetch();

}
