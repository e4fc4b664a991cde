package org.admoderation.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * async-profiler (from Maven Central) attached to running services with {@code jcmd
 * JVMTI.agent_load}, so that a profile covers the measured load only, not start-up or
 * warm-up. CPU samples, without safepoint bias, native frames included; each service gets
 * a flame graph ({@code <name>-c<concurrency>.html}) and collapsed stacks
 * ({@code .collapsed}, one line per stack, for grep and scripts).
 */
final class Profiler {

	private static final List<String> PROFILED = List.of("api", "worker-1");

	private final Path library;

	private final Path directory;

	private final Map<String, Long> pids;

	Profiler(Path directory, Map<String, Long> pids) {
		this.directory = directory;
		this.pids = pids;
		this.library = directory.resolve("libasyncProfiler.so");
		try (InputStream so = Profiler.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
			if (so == null) {
				throw new IllegalStateException("async-profiler's linux-x64 library is not on the classpath");
			}
			Files.write(this.library, so.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param event {@code cpu} for where the CPU goes, {@code wall} for where each thread
	 * spends its time, waiting included (per thread)
	 */
	void start(String event) {
		String options = "wall".equals(event) ? "start,event=wall,interval=5ms,threads"
				: "start,event=cpu,interval=1ms";
		PROFILED.forEach((name) -> agent(name, options));
	}

	/** Stops and writes the profiles, named after the load they cover. */
	void stop(String label) {
		for (String name : PROFILED) {
			String file = name + "-" + label;
			agent(name, "dump,collapsed,file=" + this.directory.resolve(file + ".collapsed"));
			agent(name, "stop,file=" + this.directory.resolve(file + ".html"));
		}
	}

	private void agent(String name, String command) {
		Long pid = this.pids.get(name);
		if (pid == null) {
			return;
		}
		String jcmd = Path.of(KafkaBroker.javaExecutable()).resolveSibling("jcmd").toString();
		List<String> arguments = new ArrayList<>(
				// Quoted: jcmd would otherwise read "event=cpu" as an option of its own.
				List.of(jcmd, Long.toString(pid), "JVMTI.agent_load", this.library.toString(), '"' + command + '"'));
		try {
			Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0 || !output.contains("return code: 0")) {
				System.err.println("async-profiler " + command + " on " + name + ": " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
