package org.admoderation.worker.scoring;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the model comes from ({@code moderation.model.*}).
 *
 * @param path an ONNX file to use instead of the bundled model ({@code MODEL_PATH});
 * empty for the bundled one
 * @param bundledLocation the model shipped in the worker's jar
 * @param useMlflow load the model from the MLflow registry ({@code USE_MLFLOW}); see
 * {@code moderation.mlflow.*}
 * @param registerBundled register the bundled model in MLflow at start-up
 * ({@code REGISTER_MODEL})
 * @param reloadInterval how often a worker without a usable model tries to load one again
 * @param intraOpThreads onnxruntime threads scoring one batch ({@code MODEL_THREADS}): 1
 * by default, since a worker scales out by instances and partitions and its one listener
 * thread scores one batch at a time; more only pays on a worker with idle cores of its
 * own
 */
@Validated
@ConfigurationProperties("moderation.model")
public record ModelProperties(@DefaultValue("") String path,
		@DefaultValue("classpath:model/moderation-text.onnx") @NotNull String bundledLocation,
		@DefaultValue("false") boolean useMlflow, @DefaultValue("false") boolean registerBundled,
		@DefaultValue("30s") @NotNull Duration reloadInterval, @DefaultValue("1") @Positive int intraOpThreads) {

}
