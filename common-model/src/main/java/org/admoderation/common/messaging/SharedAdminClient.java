package org.admoderation.common.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;

/**
 * One Kafka admin client kept for periodic checks (broker health, consumer lag), created
 * on first use so that a service starts while the broker is away, and closed once: a
 * check every few seconds costs a request, not a connection. Its requests give up after
 * the timeout instead of retrying inside a check; the next check asks again.
 */
public final class SharedAdminClient implements AutoCloseable {

	private final Map<String, Object> config;

	private final Duration timeout;

	private @Nullable Admin admin;

	private boolean closed;

	/**
	 * @param baseConfig the service's admin configuration (bootstrap servers, security)
	 * @param clientId how the broker's logs and metrics name this client
	 * @param timeout how long one request may take
	 */
	public SharedAdminClient(Map<String, Object> baseConfig, String clientId, Duration timeout) {
		Map<String, Object> config = new HashMap<>(baseConfig);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.config = Map.copyOf(config);
		this.timeout = timeout;
	}

	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * @throws IllegalStateException once closed: a check racing the shutdown must not
	 * open a client nobody closes
	 */
	public synchronized Admin get() {
		if (this.closed) {
			throw new IllegalStateException("Shutting down");
		}
		if (this.admin == null) {
			this.admin = Admin.create(this.config);
		}
		return this.admin;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
			this.admin = null;
		}
	}

}
