package org.admoderation.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * A real Apache Kafka broker (single-node KRaft) in a JVM of its own, from the Kafka jars
 * on the suite's classpath: it can be stopped, killed and started again on the same log
 * directory.
 */
final class KafkaBroker {

	private final Path directory;

	private final int port;

	private final int controllerPort;

	private final ManagedProcess process;

	KafkaBroker(Path workDirectory, String classpath) {
		this.directory = workDirectory.resolve("kafka");
		this.port = Ports.free();
		this.controllerPort = Ports.free();
		Path properties = this.directory.resolve("server.properties");
		Path logback = this.directory.resolve("logback.xml");
		this.process = new ManagedProcess("kafka",
				List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + logback,
						"-cp", classpath, "kafka.Kafka", properties.toString()),
				Map.of(), workDirectory.resolve("kafka.log"));
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	void initialize(String classpath) {
		try {
			Files.createDirectories(this.directory);
			Files.writeString(this.directory.resolve("server.properties"),
					String.join("\n", "process.roles=broker,controller", "node.id=1",
							"controller.quorum.bootstrap.servers=127.0.0.1:" + this.controllerPort,
							"listeners=PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:"
									+ this.controllerPort,
							"advertised.listeners=PLAINTEXT://127.0.0.1:" + this.port,
							"controller.listener.names=CONTROLLER",
							"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
							"inter.broker.listener.name=PLAINTEXT", "log.dirs=" + this.directory.resolve("logs"),
							"offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
							"transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0", "num.partitions=1",
							""));
			Files.writeString(this.directory.resolve("logback.xml"), """
					<configuration>
					  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
					    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
					  </appender>
					  <root level="WARN"><appender-ref ref="out"/></root>
					  <logger name="kafka.server.KafkaServer" level="INFO"/>
					</configuration>
					""");
			Process format = new ProcessBuilder(javaExecutable(), "-cp", classpath,
					"-Dlogback.configurationFile=" + this.directory.resolve("logback.xml"), "kafka.tools.StorageTool",
					"format", "--standalone", "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22),
					"-c", this.directory.resolve("server.properties").toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(format.getInputStream().readAllBytes());
			if (format.waitFor() != 0) {
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
		this.process.start();
		await().atMost(Duration.ofSeconds(60)).until(() -> Ports.open(this.port));
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
