package org.admoderation.deploy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The {@code moderation.*} settings as the services declare them: every component of
 * every {@code @ConfigurationProperties} record under a package, with its
 * {@code @DefaultValue}. The defaults are declared there once, so the deployment files
 * are checked against the code, not against a copy in the YAML.
 */
final class PropertiesContract {

	private PropertiesContract() {
	}

	/**
	 * Every property of the records under these packages, with its default ({@code ""}
	 * when it has none).
	 */
	static Map<String, String> defaults(String... basePackages) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		Map<String, String> defaults = new LinkedHashMap<>();
		for (String basePackage : basePackages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
				if (type.isRecord()) {
					defaults.putAll(defaultsOf(type));
				}
			}
		}
		return defaults;
	}

	private static Map<String, String> defaultsOf(Class<?> record) {
		ConfigurationProperties annotation = record.getAnnotation(ConfigurationProperties.class);
		String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
		RecordComponent[] components = record.getRecordComponents();
		Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
		Parameter[] parameters;
		try {
			Constructor<?> canonical = record.getDeclaredConstructor(types);
			parameters = canonical.getParameters();
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(record + " has no canonical constructor", ex);
		}
		Map<String, String> defaults = new LinkedHashMap<>();
		for (int i = 0; i < components.length; i++) {
			DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
			String defaultValue = (value != null) ? String.join(",", value.value()) : "";
			defaults.put(prefix + "." + kebab(components[i].getName()), defaultValue);
		}
		return defaults;
	}

	private static String kebab(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

}
