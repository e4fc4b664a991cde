package org.admoderation.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one) in a JVM of its own,
 * from the Kafka jars on the suite's classpath: it can be stopped, killed and started
 * again on the same log directory. Alone ({@link #single}) or one of a cluster
 * ({@link #cluster}) whose nodes vote among themselves.
 */
final class KafkaBroker {

	private final Path directory;

	private final int nodeId;

	private final int port;

	private final int controllerPort;

	private final ManagedProcess process;

	private KafkaBroker(Path workDirectory, String classpath, int nodeId, String name) {
		this.directory = workDirectory.resolve(name);
		this.nodeId = nodeId;
		this.port = Ports.free();
		this.controllerPort = Ports.free();
		Path properties = this.directory.resolve("server.properties");
		Path logback = this.directory.resolve("logback.xml");
		this.process = new ManagedProcess(name,
				List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + logback,
						"-cp", classpath, "kafka.Kafka", properties.toString()),
				Map.of(), workDirectory.resolve(name + ".log"));
	}

	/** One broker, its own controller: the suite's default. */
	static KafkaBroker single(Path workDirectory, String classpath) {
		KafkaBroker broker = new KafkaBroker(workDirectory, classpath, 1, "kafka");
		broker.initialize(classpath, null, 1, UUID.randomUUID());
		return broker;
	}

	/**
	 * Brokers that are also the controller quorum's voters, formatted with one cluster
	 * id; internal topics replicated to all of them (at most 3), with two in sync.
	 */
	static List<KafkaBroker> cluster(Path workDirectory, String classpath, int size) {
		List<KafkaBroker> brokers = new ArrayList<>();
		for (int node = 1; node <= size; node++) {
			brokers.add(new KafkaBroker(workDirectory, classpath, node, "kafka-" + node));
		}
		String voters = String.join(",",
				brokers.stream().map((broker) -> broker.nodeId + "@127.0.0.1:" + broker.controllerPort).toList());
		UUID clusterId = UUID.randomUUID();
		brokers.forEach((broker) -> broker.initialize(classpath, voters, size, clusterId));
		return brokers;
	}

	int nodeId() {
		return this.nodeId;
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * @param voters the static quorum of a cluster ({@code id@host:port,...}); null for a
	 * single node, which bootstraps a quorum of its own
	 */
	private void initialize(String classpath, String voters, int clusterSize, UUID clusterId) {
		int replicas = Math.min(3, clusterSize);
		try {
			Files.createDirectories(this.directory);
			Files.writeString(this.directory.resolve("server.properties"), String.join("\n",
					"process.roles=broker,controller", "node.id=" + this.nodeId,
					(voters != null) ? "controller.quorum.voters=" + voters
							: "controller.quorum.bootstrap.servers=127.0.0.1:" + this.controllerPort,
					"listeners=PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:" + this.controllerPort,
					"advertised.listeners=PLAINTEXT://127.0.0.1:" + this.port, "controller.listener.names=CONTROLLER",
					"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
					"inter.broker.listener.name=PLAINTEXT", "log.dirs=" + this.directory.resolve("logs"),
					"offsets.topic.replication.factor=" + replicas,
					"transaction.state.log.replication.factor=" + replicas,
					"transaction.state.log.min.isr=" + Math.min(2, replicas), "group.initial.rebalance.delay.ms=0",
					"num.partitions=1", ""));
			Files.writeString(this.directory.resolve("logback.xml"), """
					<configuration>
					  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
					    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
					  </appender>
					  <root level="WARN"><appender-ref ref="out"/></root>
					  <logger name="kafka.server.KafkaServer" level="INFO"/>
					</configuration>
					""");
			List<String> format = new ArrayList<>(List.of(javaExecutable(), "-cp", classpath,
					"-Dlogback.configurationFile=" + this.directory.resolve("logback.xml"), "kafka.tools.StorageTool",
					"format", "-t", clusterId.toString().replace("-", "").substring(0, 22), "-c",
					this.directory.resolve("server.properties").toString()));
			if (voters == null) {
				format.add("--standalone");
			}
			Process formatting = new ProcessBuilder(format).redirectErrorStream(true).start();
			String output = new String(formatting.getInputStream().readAllBytes());
			if (formatting.waitFor() != 0) {
				throw new IllegalStateException("Kafka storage format failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	void start() {
		launch();
		awaitListening();
	}

	/**
	 * Starts the process without waiting: a cluster's nodes open their port only once a
	 * quorum of them runs, so they are all launched before any is waited for.
	 */
	void launch() {
		this.process.start();
	}

	void awaitListening() {
		await().atMost(Duration.ofSeconds(90)).until(() -> Ports.open(this.port));
	}

	void stop() {
		this.process.stop(Duration.ofSeconds(30));
	}

	long pid() {
		return this.process.pid();
	}

	void kill() {
		this.process.kill();
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
