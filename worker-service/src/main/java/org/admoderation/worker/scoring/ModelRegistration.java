package org.admoderation.worker.scoring;

/**
 * Registers the bundled model in a model registry before the worker loads its model, so a
 * registry-backed worker finds it there (MLflow's implementation lives in
 * {@code worker.mlflow}, which depends on this package, not the other way round).
 */
@FunctionalInterface
public interface ModelRegistration {

	/**
	 * Registers the bundled model unless the registry already holds the same file.
	 * @throws ModelUnavailable when the registry refuses or is unreachable
	 */
	void registerBundledModel();

}
