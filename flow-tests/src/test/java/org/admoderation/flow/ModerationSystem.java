package org.admoderation.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.admoderation.api.ApiApplication;
import org.admoderation.testsupport.TestInfrastructure;
import org.admoderation.worker.WorkerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API and workers as separate Spring applications in this JVM, wired to the test
 * PostgreSQL and broker exactly as deployed services would be: through their own
 * configuration files plus connection properties.
 */
final class ModerationSystem implements AutoCloseable {

	private final List<ConfigurableApplicationContext> workers = new ArrayList<>();

	private final List<ConfigurableApplicationContext> apis = new ArrayList<>();

	/**
	 * Starts an API on a random port and its actuator on another, pointed at the test
	 * broker unless overridden.
	 */
	ConfigurableApplicationContext startApi(String... overrides) {
		List<String> settings = new ArrayList<>(List.of("management.server.port=0"));
		settings.addAll(List.of(overrides));
		ConfigurableApplicationContext api = start(ApiApplication.application(), settings.toArray(String[]::new));
		this.apis.add(api);
		return api;
	}

	/** Starts a worker in the default consumer group. */
	ConfigurableApplicationContext startWorker(String... overrides) {
		ConfigurableApplicationContext worker = start(WorkerApplication.application(), overrides);
		this.workers.add(worker);
		return worker;
	}

	void stopWorkers() {
		this.workers.forEach(ConfigurableApplicationContext::close);
		this.workers.clear();
	}

	@Override
	public void close() {
		stopWorkers();
		this.apis.forEach(ConfigurableApplicationContext::close);
		this.apis.clear();
	}

	static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/** The actuator's port: the API's own management port, the worker's only port. */
	static int managementPort(ConfigurableApplicationContext context) {
		Integer management = context.getEnvironment().getProperty("local.management.port", Integer.class);
		return (management != null) ? management : port(context);
	}

	private static ConfigurableApplicationContext start(SpringApplicationBuilder application, String... overrides) {
		Map<String, Object> properties = new LinkedHashMap<>(TestInfrastructure.springProperties());
		properties.put("server.port", "0");
		properties.put("spring.kafka.admin.operation-timeout", "5s");
		properties.put("moderation.outbox.retry-backoff", "500ms");
		properties.put("moderation.outbox.poll-interval", "200ms");
		properties.put("moderation.dead-letters.poll-interval", "200ms");
		properties.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
		properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
		for (String override : overrides) {
			int equals = override.indexOf('=');
			properties.put(override.substring(0, equals), override.substring(equals + 1));
		}
		List<String> arguments = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toList();
		return application.run(arguments.toArray(String[]::new));
	}

}
