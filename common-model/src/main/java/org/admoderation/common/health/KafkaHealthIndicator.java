package org.admoderation.common.health;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The broker as the service sees it: a cluster description answered within the timeout
 * (UP, with the cluster id and the number of brokers), or not (DOWN). One admin client is
 * kept for the checks, so a probe every few seconds costs one request, not a connection.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final Map<String, Object> adminConfig;

	private final Duration timeout;

	private @Nullable Admin admin;

	/**
	 * @param adminConfig the admin client's configuration (bootstrap servers, security)
	 * @param timeout how long a check waits for the broker
	 */
	public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
		super("Kafka health check failed");
		this.adminConfig = Map.copyOf(adminConfig);
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		int timeoutMillis = (int) this.timeout.toMillis();
		DescribeClusterResult cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMillis));
		String clusterId = cluster.clusterId().get(timeoutMillis, TimeUnit.MILLISECONDS);
		Collection<Node> nodes = cluster.nodes().get(timeoutMillis, TimeUnit.MILLISECONDS);
		builder.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes.size());
	}

	private synchronized Admin admin() {
		if (this.admin == null) {
			Map<String, Object> config = new HashMap<>(this.adminConfig);
			config.put(AdminClientConfig.CLIENT_ID_CONFIG, "health-check");
			// Fail a check quickly instead of retrying inside it: the next probe asks
			// again.
			config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) this.timeout.toMillis());
			config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) this.timeout.toMillis());
			this.admin = Admin.create(config);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
			this.admin = null;
		}
	}

}
