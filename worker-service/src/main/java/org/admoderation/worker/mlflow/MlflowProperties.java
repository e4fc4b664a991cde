package org.admoderation.worker.mlflow;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The MLflow registry the worker loads its model from ({@code USE_MLFLOW=true}) or
 * registers the bundled model in ({@code REGISTER_MODEL=true});
 * {@code moderation.mlflow.*}.
 *
 * @param trackingUri the tracking server ({@code MLFLOW_TRACKING_URI})
 * @param modelName the registered model ({@code MLFLOW_MODEL_NAME})
 * @param alias the alias to resolve and to set on registration
 * ({@code MLFLOW_MODEL_ALIAS})
 * @param version a fixed version to load instead of the alias
 * ({@code MLFLOW_MODEL_VERSION})
 * @param artifactFile the ONNX file's name inside the version's artifact directory
 * @param experimentName where start-up registrations log their run
 * @param fallbackToBundled load the bundled model (with a warning) when MLflow is
 * unavailable, instead of staying not ready until it is
 * @param timeout connect and read timeout of each call
 */
@Validated
@ConfigurationProperties("moderation.mlflow")
public record MlflowProperties(@DefaultValue("http://localhost:5000") @NotBlank String trackingUri,
		@DefaultValue("moderation-policies") @NotBlank String modelName,
		@DefaultValue("champion") @NotBlank String alias, @Nullable String version,
		@DefaultValue("model.onnx") @NotBlank String artifactFile,
		@DefaultValue("ad-moderation") @NotBlank String experimentName,
		@DefaultValue("false") boolean fallbackToBundled, @DefaultValue("10s") @NotNull Duration timeout) {

	/**
	 * What is being resolved, for messages: {@code name@alias} or {@code name/version}.
	 */
	public String reference() {
		return (this.version != null && !this.version.isBlank()) ? this.modelName + "/" + this.version
				: this.modelName + "@" + this.alias;
	}

}
