package org.admoderation.worker.mlflow;

import org.admoderation.worker.scoring.FallbackModelSource;
import org.admoderation.worker.scoring.ModelProperties;
import org.admoderation.worker.scoring.ModelSource;
import org.admoderation.worker.scoring.ResourceModelSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.ResourceLoader;

/**
 * Chooses the model source: MLflow when {@code USE_MLFLOW=true} (with the bundled model
 * as a logged fallback only if configured), else {@code MODEL_PATH} when set, else the
 * bundled file.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MlflowProperties.class)
class ModelSourceConfiguration {

	@Bean
	MlflowClient mlflowClient(MlflowProperties properties, JsonMapper json) {
		return new MlflowClient(properties, json);
	}

	@Bean
	ModelSource modelSource(ModelProperties model, MlflowProperties mlflow, MlflowClient client,
			ResourceLoader resources) {
		ModelSource bundled = bundled(model, resources);
		if (model.useMlflow()) {
			ModelSource registry = new MlflowModelSource(client, mlflow);
			return mlflow.fallbackToBundled() ? new FallbackModelSource(registry, bundled) : registry;
		}
		if (!model.path().isBlank()) {
			return new ResourceModelSource(new FileSystemResource(model.path()), "model file " + model.path());
		}
		return bundled;
	}

	@Bean
	@ConditionalOnBooleanProperty("moderation.model.register-bundled")
	BundledModelRegistration bundledModelRegistration(ModelProperties model, MlflowProperties mlflow,
			MlflowClient client, ResourceLoader resources) {
		return new BundledModelRegistration(client, mlflow, bundled(model, resources));
	}

	private static ModelSource bundled(ModelProperties model, ResourceLoader resources) {
		return new ResourceModelSource(resources.getResource(model.bundledLocation()),
				"bundled model " + model.bundledLocation());
	}

}
