package org.admoderation.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./run-local.sh} as a new user meets it: the runner in a JVM of its own, started
 * and signalled as a shell would.
 */
class LocalRunnerProcessTests {

	private static final String BANNER_END = "Ctrl-C stops everything.";

	@Test
	void aPortAlreadyTakenStopsTheRunAtOnceWithOneLineNamingTheOption() throws Exception {
		try (ServerSocket otherPostgres = new ServerSocket(0)) {
			Ports ports = Ports.free();
			long started = System.nanoTime();

			Run run = Run.start(ports.withPostgres(otherPostgres.getLocalPort()), "taken-port");

			assertThat(run.process().waitFor(30, TimeUnit.SECONDS)).as("exits by itself").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
			assertThat(run.process().exitValue()).isEqualTo(LocalRunner.NOT_STARTED);
			await().atMost(Duration.ofSeconds(5)).until(() -> !run.lines().isEmpty());
			assertThat(run.lines()).containsExactly("Port " + otherPostgres.getLocalPort()
					+ " is already in use (another PostgreSQL?): stop that process, or choose another port with "
					+ "--postgres-port=PORT");
		}
	}

	@Test
	void ctrlCStopsEverythingAndLeavesNoPostgres() throws Exception {
		stopsEverythingAndLeavesNoPostgres("INT");
	}

	@Test
	void sigtermStopsEverythingAndLeavesNoPostgres() throws Exception {
		stopsEverythingAndLeavesNoPostgres("TERM");
	}

	private void stopsEverythingAndLeavesNoPostgres(String signal) throws Exception {
		Ports ports = Ports.free();
		Run run = Run.start(ports, "signal-" + signal);
		try {
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(500))
				.failFast("the runner exited", () -> !run.process().isAlive())
				.until(() -> run.lines().stream().anyMatch((line) -> line.contains(BANNER_END)));
			List<String> beforeBanner = run.lines().stream().takeWhile((line) -> !line.startsWith("=====")).toList();
			assertThat(beforeBanner).as("the console before the banner").hasSizeLessThan(60);
			assertThat(run.lines()).anyMatch((line) -> line.contains("Kafka   : localhost:" + ports.kafka()));
			assertThat(answers(ports.kafka())).as("Kafka on --kafka-port").isTrue();
			assertThat(postgresProcessesOn(ports.postgres())).isPositive();

			new ProcessBuilder("kill", "-" + signal, Long.toString(run.process().pid())).start().waitFor();

			assertThat(run.process().waitFor(90, TimeUnit.SECONDS)).as("stopped after SIG" + signal).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> postgresProcessesOn(ports.postgres()) == 0);
			assertThat(answers(ports.api())).isFalse();
			assertThat(answers(ports.kafka())).isFalse();
		}
		finally {
			run.process().destroyForcibly();
		}
	}

	private static long postgresProcessesOn(int port) {
		return ProcessHandle.allProcesses()
			.map((process) -> process.info().commandLine().orElse(""))
			.filter((command) -> command.contains("bin/postgres") && command.contains("-p " + port + " "))
			.count();
	}

	private static boolean answers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", port), 1_000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private record Ports(int api, int management, int postgres, int kafka) {

		static Ports free() throws IOException {
			try (ServerSocket a = new ServerSocket(0);
					ServerSocket m = new ServerSocket(0);
					ServerSocket p = new ServerSocket(0);
					ServerSocket k = new ServerSocket(0)) {
				return new Ports(a.getLocalPort(), m.getLocalPort(), p.getLocalPort(), k.getLocalPort());
			}
		}

		Ports withPostgres(int port) {
			return new Ports(this.api, this.management, port, this.kafka);
		}

		List<String> options() {
			return List.of("--api-port=" + this.api, "--management-port=" + this.management,
					"--postgres-port=" + this.postgres, "--kafka-port=" + this.kafka);
		}

	}

	/** The runner's process, and what it printed (stdout and stderr, merged). */
	private record Run(Process process, List<String> lines) {

		static Run start(Ports ports, String name) throws IOException {
			List<String> command = new ArrayList<>();
			// A shell's background job ignores SIGINT, and a JVM keeps an ignored SIGINT
			// ignored: the runner gets SIGINT as a terminal's Ctrl-C delivers it.
			command.addAll(List.of("env", "--default-signal=INT"));
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(List.of("-XX:+UseSerialGC", "-Dlocal.log.file=target/local-run-" + name + ".log", "-cp",
					System.getProperty("java.class.path"), LocalRunner.class.getName()));
			command.addAll(ports.options());
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			List<String> lines = Collections.synchronizedList(new ArrayList<>());
			Thread reader = new Thread(() -> {
				try (BufferedReader out = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					for (String line = out.readLine(); line != null; line = out.readLine()) {
						lines.add(line);
					}
				}
				catch (IOException ex) {
					// The process is gone.
				}
			}, "local-runner-output");
			reader.setDaemon(true);
			reader.start();
			return new Run(process, lines);
		}

		@Override
		public List<String> lines() {
			synchronized (this.lines) {
				return List.copyOf(this.lines);
			}
		}

	}

}
