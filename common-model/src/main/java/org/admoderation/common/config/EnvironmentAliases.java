package org.admoderation.common.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

/**
 * The environment variables the seed's users and our deployments set whose names are not
 * Spring's form of the property they mean ({@code USE_MLFLOW}, not
 * {@code MODERATION_MODEL_USEMLFLOW}). Each one that is set is mapped onto its property,
 * ranking just below the operating system environment, so the Spring form and
 * command-line arguments still win.
 * <p>
 * Only what is set is mapped: the defaults live once, in the
 * {@code @ConfigurationProperties} records, not again here or in the YAML.
 */
public class EnvironmentAliases implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "moderationEnvironmentAliases";

	/** Environment variable to the property it sets. */
	public static final Map<String, String> ALIASES = aliases();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> mapped = new LinkedHashMap<>();
		ALIASES.forEach((variable, property) -> {
			String value = environment.getProperty(variable);
			if (StringUtils.hasText(value)) {
				mapped.put(property, value);
			}
		});
		if (mapped.isEmpty()) {
			return;
		}
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, mapped);
		if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			environment.getPropertySources().addLast(source);
		}
	}

	private static Map<String, String> aliases() {
		Map<String, String> aliases = new LinkedHashMap<>();
		aliases.put("MODERATION_ADMIN_API_KEY", "moderation.admin.api-key");
		aliases.put("MODERATION_METRICS_API_KEY", "moderation.admin.metrics-key");
		aliases.put("MODERATION_API_KEYS", "moderation.api.keys");
		aliases.put("MODERATION_CONSUMER_GROUP", "moderation.backlog.consumer-group");
		aliases.put("MODERATION_TOPICS_REPLICATION_FACTOR", "moderation.topics.replication-factor");
		aliases.put("MODERATION_TOPICS_MIN_INSYNC_REPLICAS", "moderation.topics.min-insync-replicas");
		aliases.put("MODEL_PATH", "moderation.model.path");
		aliases.put("USE_MLFLOW", "moderation.model.use-mlflow");
		aliases.put("REGISTER_MODEL", "moderation.model.register-bundled");
		aliases.put("MODEL_THREADS", "moderation.model.intra-op-threads");
		aliases.put("MLFLOW_TRACKING_URI", "moderation.mlflow.tracking-uri");
		aliases.put("MLFLOW_MODEL_NAME", "moderation.mlflow.model-name");
		aliases.put("MLFLOW_MODEL_ALIAS", "moderation.mlflow.alias");
		aliases.put("MLFLOW_MODEL_VERSION", "moderation.mlflow.version");
		aliases.put("MLFLOW_FALLBACK_TO_BUNDLED", "moderation.mlflow.fallback-to-bundled");
		return Map.copyOf(aliases);
	}

}
