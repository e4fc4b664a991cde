package org.admoderation.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.admoderation.common.config.EnvironmentAliases;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's deployment files and application configuration, read as data.
 */
final class Repository {

	static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent().getParent();

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

	private Repository() {
	}

	static String read(String path) {
		try {
			return Files.readString(ROOT.resolve(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yaml(String path) {
		return (Map<String, Object>) new Yaml(new LoaderOptions()).load(read(path));
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> yamlDocuments(String path) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(new LoaderOptions()).loadAll(read(path))) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	/** The value at a dotted path of nested maps, or null. */
	@SuppressWarnings("unchecked")
	static <T> T at(Map<String, Object> map, String dottedPath) {
		Object current = map;
		for (String key : dottedPath.split("\\.")) {
			if (!(current instanceof Map<?, ?> nested)) {
				return null;
			}
			current = nested.get(key);
		}
		return (T) current;
	}

	/** Every property a service's configuration file sets, flattened to dotted names. */
	static Map<String, String> applicationProperties(String ymlPath) {
		Map<String, String> properties = new LinkedHashMap<>();
		flatten("", yaml(ymlPath), properties);
		return properties;
	}

	/**
	 * The environment variables a service understands: those its configuration names in
	 * {@code ${NAME:default}} placeholders, {@code DATABASE_URL} and the aliases of
	 * {@link EnvironmentAliases} (mapped by the common module), and the Spring
	 * environment form of every property it sets plus the data source and Flyway switches
	 * that deployments override.
	 */
	static Set<String> knownEnvironmentVariables(String ymlPath) {
		Set<String> known = new LinkedHashSet<>();
		known.add("DATABASE_URL");
		known.add("JAVA_TOOL_OPTIONS");
		Map<String, String> properties = applicationProperties(ymlPath);
		properties.values().forEach((value) -> {
			Matcher matcher = PLACEHOLDER.matcher(value);
			while (matcher.find()) {
				known.add(matcher.group(1));
			}
		});
		List<String> names = new ArrayList<>(properties.keySet());
		names.addAll(PropertiesContract.defaults(servicePackage(ymlPath), "org.admoderation.common").keySet());
		names.addAll(List.of("spring.flyway.enabled", "spring.datasource.url", "spring.datasource.username",
				"spring.datasource.password", "moderation.topics.replication-factor"));
		names.forEach((name) -> known.add(environmentForm(name)));
		// A seed's variable counts where the service reads the property it stands for.
		EnvironmentAliases.ALIASES.forEach((variable, property) -> {
			if (names.contains(property)) {
				known.add(variable);
			}
		});
		return known;
	}

	private static String servicePackage(String ymlPath) {
		return ymlPath.startsWith("api-service/") ? "org.admoderation.api" : "org.admoderation.worker";
	}

	/**
	 * The default actuator port a service's configuration sets: its management port, or
	 * its one port when it has no separate one (the worker).
	 */
	static String managementPort(String ymlPath) {
		Map<String, String> properties = applicationProperties(ymlPath);
		return placeholderDefault(properties.getOrDefault("management.server.port", properties.get("server.port")));
	}

	/** The default of a {@code ${NAME:default}} placeholder in a property's value. */
	static String placeholderDefault(String value) {
		Matcher matcher = PLACEHOLDER.matcher(value);
		return matcher.find() ? matcher.group(2) : value;
	}

	/**
	 * Spring's environment variable form of a property: upper case, dots and dashes as
	 * underscores.
	 */
	static String environmentForm(String property) {
		return property.toUpperCase().replace('.', '_').replace('-', '_');
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Map<String, Object> map, Map<String, String> into) {
		map.forEach((key, value) -> {
			String name = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Map<?, ?> nested) {
				flatten(name, (Map<String, Object>) nested, into);
			}
			else {
				into.put(name, String.valueOf(value));
			}
		});
	}

}
