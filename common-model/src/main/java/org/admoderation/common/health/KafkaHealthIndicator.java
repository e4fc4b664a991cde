package org.admoderation.common.health;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.admoderation.common.messaging.SharedAdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The broker as the service sees it: a cluster description answered within the timeout
 * (UP, with the cluster id and the number of brokers), or not (DOWN). One admin client is
 * kept for the checks, so a probe every few seconds costs one request, not a connection.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final SharedAdminClient admin;

	/**
	 * @param adminConfig the admin client's configuration (bootstrap servers, security)
	 * @param timeout how long a check waits for the broker
	 */
	public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
		super("Kafka health check failed");
		this.admin = new SharedAdminClient(adminConfig, "health-check", timeout);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		int timeoutMillis = (int) this.admin.timeout().toMillis();
		DescribeClusterResult cluster = this.admin.get()
			.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMillis));
		String clusterId = cluster.clusterId().get(timeoutMillis, TimeUnit.MILLISECONDS);
		Collection<Node> nodes = cluster.nodes().get(timeoutMillis, TimeUnit.MILLISECONDS);
		builder.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes.size());
	}

	@Override
	public void destroy() {
		this.admin.close();
	}

}
