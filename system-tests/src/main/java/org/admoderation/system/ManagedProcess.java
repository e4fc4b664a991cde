package org.admoderation.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An operating-system process the suite starts, stops with SIGTERM or kills with SIGKILL,
 * and starts again with the same command; its output goes to a log file of its own.
 */
final class ManagedProcess {

	private final String name;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path log;

	private Process process;

	ManagedProcess(String name, List<String> command, Map<String, String> environment, Path log) {
		this.name = name;
		this.command = command;
		this.environment = environment;
		this.log = log;
	}

	String name() {
		return this.name;
	}

	synchronized ManagedProcess start() {
		if (isAlive()) {
			return this;
		}
		ProcessBuilder builder = new ProcessBuilder(this.command);
		builder.environment().putAll(this.environment);
		builder.redirectErrorStream(true);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name, ex);
		}
		return this;
	}

	/** SIGTERM, then wait for a graceful exit (SIGKILL after the grace period). */
	synchronized void stop(Duration grace) {
		if (!isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** SIGKILL: no shutdown hook, no flush, no goodbye. */
	synchronized void kill() {
		if (!isAlive()) {
			return;
		}
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * SIGSTOP ({@code paused}) or SIGCONT: a frozen process keeps its connections and
	 * state but uses no CPU.
	 */
	synchronized void freeze(boolean paused) {
		try {
			Process signal = new ProcessBuilder("kill", paused ? "-STOP" : "-CONT", Long.toString(this.process.pid()))
				.start();
			if (signal.waitFor() != 0) {
				throw new IllegalStateException("kill " + (paused ? "-STOP" : "-CONT") + " failed for " + this.name);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The process id, for reading its memory from /proc. */
	synchronized long pid() {
		return this.process.pid();
	}

	/**
	 * A process's peak resident memory (VmHWM), in MiB; -1 once it is gone.
	 */
	static double peakRssMib(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
				}
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
		return -1;
	}

	synchronized boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
