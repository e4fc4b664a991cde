package org.admoderation.api.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The registered endpoints ({@code webhook_endpoints}), and the one place their fields
 * are checked. Only these URLs are ever called.
 */
@Repository
class WebhookEndpoints {

	static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	static final int MAX_URL_LENGTH = 2048;

	/** The client of an endpoint that receives every task's results. */
	static final String EVERY_CLIENT = "*";

	private static final String SELECT = """
			select id, name, client_name, url, created_at,
			       case when previous_secret_until > now() then previous_secret_until end as previous_secret_until
			from webhook_endpoints
			where deleted_at is null
			""";

	private final JdbcClient jdbc;

	WebhookEndpoints(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @throws InvalidWebhook when a field is missing or malformed
	 * @throws WebhookNameTaken when another endpoint has the name
	 */
	WebhookSecret register(WebhookRegistration registration) {
		String name = requireName("name", registration.name());
		String client = requireClient(registration.client());
		URI url = requireUrl(registration.url());
		String secret = WebhookSignature.newSecret();
		try {
			long id = this.jdbc.sql("""
					insert into webhook_endpoints (name, client_name, url, secret)
					values (:name, :client, :url, :secret)
					returning id
					""")
				.param("name", name)
				.param("client", client)
				.param("url", url.toString())
				.param("secret", secret)
				.query(Long.class)
				.single();
			return new WebhookSecret(find(id).orElseThrow(), secret);
		}
		catch (DuplicateKeyException ex) {
			throw new WebhookNameTaken(name);
		}
	}

	List<WebhookEndpoint> list() {
		return this.jdbc.sql(SELECT + "order by id").query(WebhookEndpoints::toEndpoint).list();
	}

	Optional<WebhookEndpoint> find(long id) {
		return this.jdbc.sql(SELECT + "and id = :id").param("id", id).query(WebhookEndpoints::toEndpoint).optional();
	}

	/**
	 * Removes the endpoint: nothing more is sent to it, and its name is free again
	 * (unique among the endpoints not removed, V15). The row is marked, not deleted
	 * (V13), so that no decision waits for it; the hourly purge deletes it later.
	 */
	boolean delete(long id) {
		return this.jdbc.sql("""
				update webhook_endpoints
				set deleted_at = now()
				where id = :id and deleted_at is null
				""").param("id", id).update() > 0;
	}

	/**
	 * A new secret signs from now on; the current one signs too for {@code overlap}, so a
	 * receiver has that long to switch. A second rotation within the overlap retires the
	 * oldest secret at once.
	 */
	Optional<WebhookSecret> rotateSecret(long id, Duration overlap) {
		String secret = WebhookSignature.newSecret();
		int rotated = this.jdbc.sql("""
				update webhook_endpoints
				set previous_secret = secret, secret = :secret,
				    previous_secret_until = now() + :overlapMillis * interval '1 millisecond'
				where id = :id and deleted_at is null
				""").param("id", id).param("secret", secret).param("overlapMillis", overlap.toMillis()).update();
		return (rotated == 0) ? Optional.empty() : find(id).map((endpoint) -> new WebhookSecret(endpoint, secret));
	}

	/**
	 * A client's name, or {@value #EVERY_CLIENT} for every task's results (stored as
	 * null): the catch-all is asked for, never what a forgotten field gives.
	 */
	private static @Nullable String requireClient(@Nullable String value) {
		if (value == null) {
			throw new InvalidWebhook("client is required: a client's name, or \"" + EVERY_CLIENT
					+ "\" for the results of every client's tasks");
		}
		return EVERY_CLIENT.equals(value) ? null : requireName("client", value);
	}

	private static String requireName(String field, @Nullable String value) {
		if (value == null) {
			throw new InvalidWebhook(field + " is required");
		}
		if (!NAME.matcher(value).matches()) {
			throw new InvalidWebhook(
					field + " must be 1 to 64 letters, digits, '.', '_' or '-', starting with a " + "letter or digit");
		}
		return value;
	}

	/**
	 * An absolute http(s) URL with a host, no credentials in it (they would show in logs
	 * and the admin API) and no fragment (never sent).
	 */
	static URI requireUrl(@Nullable String value) {
		if (value == null) {
			throw new InvalidWebhook("url is required");
		}
		if (value.length() > MAX_URL_LENGTH) {
			throw new InvalidWebhook("url must be at most " + MAX_URL_LENGTH + " characters");
		}
		URI url;
		try {
			url = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw new InvalidWebhook("url is not a URL: " + ex.getReason());
		}
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
			throw new InvalidWebhook("url must be an absolute http or https URL with a host");
		}
		if (url.getPort() == 0 || url.getPort() > 65535) {
			throw new InvalidWebhook("url has no valid port");
		}
		if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
			throw new InvalidWebhook("url must have no user information and no fragment");
		}
		return url;
	}

	private static WebhookEndpoint toEndpoint(ResultSet rs, int row) throws SQLException {
		Timestamp previousUntil = rs.getTimestamp("previous_secret_until");
		return new WebhookEndpoint(rs.getLong("id"), rs.getString("name"), rs.getString("client_name"),
				rs.getString("url"), rs.getTimestamp("created_at").toInstant(),
				(previousUntil != null) ? previousUntil.toInstant() : null);
	}

}
