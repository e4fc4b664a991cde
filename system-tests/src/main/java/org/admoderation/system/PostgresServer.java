package org.admoderation.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of the machine's own installation (Debian's postgresql
 * package), in a data directory of the suite's, on a port of its own, stopped and started
 * with {@code pg_ctl}. As root it runs as the {@code postgres} user, since the server
 * refuses to run as root.
 */
final class PostgresServer {

	private final Path bin;

	private final Path dataDirectory;

	private final Path log;

	private final int port;

	PostgresServer(Path workDirectory) {
		this.bin = findBinaries();
		this.dataDirectory = workDirectory.resolve("postgres-data");
		this.log = workDirectory.resolve("postgres.log");
		this.port = Ports.free();
	}

	int port() {
		return this.port;
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/moderation";
	}

	void initialize() {
		try {
			Files.createDirectories(this.dataDirectory);
			Files.writeString(this.log, "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		run(List.of("chown", "-R", "postgres:postgres", this.dataDirectory.toString(), this.log.toString()), false);
		run(asPostgres(this.bin.resolve("initdb").toString(), "-D", this.dataDirectory.toString(), "-U", "postgres",
				"-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"), true);
		start();
		run(asPostgres(this.bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(this.port), "-U",
				"postgres", "-c", "create database moderation"), true);
	}

	void start() {
		run(asPostgres(this.bin.resolve("pg_ctl").toString(), "-D", this.dataDirectory.toString(), "-l",
				this.log.toString(), "-w", "-o",
				"-p " + this.port + " -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on"
				// Statement statistics for the benchmark's database profile.
						+ " -c shared_preload_libraries=pg_stat_statements"
						// Commit times: the long-poll benchmark's reference.
						+ " -c track_commit_timestamp=on",
				"start"), true);
	}

	/** A fast shutdown: connections are cut, the server stops within a second. */
	void stop() {
		run(asPostgres(this.bin.resolve("pg_ctl").toString(), "-D", this.dataDirectory.toString(), "-m", "fast", "-w",
				"stop"), true);
	}

	/** The server's own pgbench. */
	Path pgbench() {
		return this.bin.resolve("pgbench");
	}

	private static List<String> asPostgres(String... command) {
		List<String> full = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(List.of(command));
		return full;
	}

	private static void run(List<String> command, boolean check) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			int exit = process.waitFor();
			if (check && exit != 0) {
				throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + output);
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

	private static Path findBinaries() {
		Path root = Path.of("/usr/lib/postgresql");
		try (Stream<Path> versions = Files.list(root)) {
			return versions.filter((version) -> Files.isExecutable(version.resolve("bin/pg_ctl")))
				.max(Comparator.comparingInt((version) -> Integer.parseInt(version.getFileName().toString())))
				.map((version) -> version.resolve("bin"))
				.orElseThrow();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("The fault suite needs a PostgreSQL server installation under " + root
					+ " (apt-get install -y postgresql)", ex);
		}
	}

}
