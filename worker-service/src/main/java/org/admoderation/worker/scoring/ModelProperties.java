package org.admoderation.worker.scoring;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.admoderation.model.IncompatibleModel;
import org.admoderation.model.Policy;
import org.admoderation.model.Thresholds;
import org.jspecify.annotations.Nullable;

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
 * @param thresholds thresholds that replace the model's defaults, by policy code, e.g.
 * {@code moderation.model.thresholds.contacts_in_text.reject=0.9}; a policy given only
 * one of the two keeps the model's other one
 */
@Validated
@ConfigurationProperties("moderation.model")
public record ModelProperties(@DefaultValue("") String path,
		@DefaultValue("classpath:model/moderation-policies.onnx") @NotNull String bundledLocation,
		@DefaultValue("false") boolean useMlflow, @DefaultValue("false") boolean registerBundled,
		@DefaultValue("30s") @NotNull Duration reloadInterval, @DefaultValue("1") @Positive int intraOpThreads,
		@DefaultValue Map<String, ThresholdOverride> thresholds) {

	/**
	 * One policy's configured thresholds; either may be left out.
	 *
	 * @param review the review threshold in (0, 1]
	 * @param reject the reject threshold in (0, 1]; a review-only policy takes none
	 */
	public record ThresholdOverride(
			@Nullable @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double review,
			@Nullable @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double reject) {

	}

	/**
	 * The configured overrides by policy.
	 * @throws IncompatibleModel when a code names no policy
	 */
	public Map<Policy, Thresholds.Configured> overrides() {
		Map<Policy, Thresholds.Configured> overrides = new EnumMap<>(Policy.class);
		this.thresholds.forEach((key, override) -> {
			// An environment variable cannot say contacts_in_text (its underscores split
			// the key), so a key is matched without separators: CONTACTSINTEXT works too.
			Policy policy = Arrays.stream(Policy.values())
				.filter((candidate) -> withoutSeparators(candidate.code()).equals(withoutSeparators(key)))
				.findFirst()
				.orElseThrow(() -> new IncompatibleModel("moderation.model.thresholds names no policy '" + key
						+ "'; policies: " + Arrays.stream(Policy.values()).map(Policy::code).toList()));
			overrides.put(policy, new Thresholds.Configured(override.review(), override.reject()));
		});
		return overrides;
	}

	private static String withoutSeparators(String key) {
		return key.replace("_", "").replace("-", "").toLowerCase(java.util.Locale.ROOT);
	}

}
