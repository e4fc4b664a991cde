package org.admoderation.common.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

/**
 * Accepts the seed's {@code DATABASE_URL} ({@code postgresql://user:pass@host:5432/db},
 * also {@code postgres://} and SQLAlchemy's {@code postgresql+driver://}) or a
 * {@code jdbc:postgresql:} URL, and maps it onto {@code spring.datasource.*}.
 * <p>
 * The derived properties rank just below the operating system environment: an explicit
 * {@code SPRING_DATASOURCE_URL} still wins, and {@code DATABASE_URL} beats the defaults
 * in {@code application.yml}.
 */
public class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "databaseUrl";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String databaseUrl = environment.getProperty("DATABASE_URL");
		if (!StringUtils.hasText(databaseUrl)) {
			return;
		}
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, toDataSourceProperties(databaseUrl));
		if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			environment.getPropertySources().addLast(source);
		}
	}

	/**
	 * Translates a database URL into Spring's data source properties.
	 * @throws IllegalArgumentException with the reason (never the password) when it
	 * cannot
	 */
	static Map<String, Object> toDataSourceProperties(String databaseUrl) {
		String url = databaseUrl.trim();
		Map<String, Object> properties = new LinkedHashMap<>();
		if (url.startsWith("jdbc:")) {
			properties.put("spring.datasource.url", url);
			return properties;
		}
		int schemeEnd = url.indexOf("://");
		String scheme = (schemeEnd > 0) ? url.substring(0, schemeEnd) : "";
		if (!scheme.equals("postgres") && !scheme.equals("postgresql") && !scheme.startsWith("postgresql+")) {
			throw new IllegalArgumentException(
					"DATABASE_URL must look like postgresql://user:pass@host:5432/db or jdbc:postgresql://host:5432/db");
		}
		URI uri;
		try {
			uri = URI.create("postgresql" + url.substring(schemeEnd));
		}
		catch (IllegalArgumentException ex) {
			// Not the parser's message: it would quote the URL, password included.
			throw new IllegalArgumentException("DATABASE_URL is not a valid URL (special characters in the "
					+ "user or password must be percent-encoded)");
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("DATABASE_URL has no host");
		}
		StringBuilder jdbcUrl = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
		if (uri.getPort() > 0) {
			jdbcUrl.append(':').append(uri.getPort());
		}
		jdbcUrl.append((uri.getRawPath() != null) ? uri.getRawPath() : "/");
		if (uri.getRawQuery() != null) {
			jdbcUrl.append('?').append(uri.getRawQuery());
		}
		properties.put("spring.datasource.url", jdbcUrl.toString());
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			String user = (colon >= 0) ? userInfo.substring(0, colon) : userInfo;
			properties.put("spring.datasource.username", decode(user));
			if (colon >= 0) {
				properties.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
			}
		}
		return properties;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
