package org.admoderation.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time per process from {@code /proc}: on a shared 2-core machine, where the cores
 * went during a load says more than any single rate.
 */
final class CpuTime {

	/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ). */
	private static final double TICKS_PER_SECOND = 100.0;

	private CpuTime() {
	}

	/**
	 * CPU seconds used so far by each named process, plus "postgresql" for all the
	 * server's processes together and "load-generator" for this JVM with its finished
	 * children (wrk).
	 */
	static Map<String, Double> snapshot(Map<String, Long> pidsByName) {
		Map<String, Double> seconds = new LinkedHashMap<>();
		pidsByName.forEach((name, pid) -> seconds.put(name, ticks(Path.of("/proc", Long.toString(pid), "stat"))));
		seconds.put("postgresql", postgresTicks());
		seconds.put("load-generator", ticks(Path.of("/proc/self/stat")));
		seconds.replaceAll((name, ticks) -> ticks / TICKS_PER_SECOND);
		return seconds;
	}

	/** Cores used by each process between two snapshots taken {@code seconds} apart. */
	static Map<String, Double> coresBetween(Map<String, Double> before, Map<String, Double> after, double seconds) {
		Map<String, Double> cores = new LinkedHashMap<>();
		after.forEach((name, cpu) -> cores.put(name,
				Math.round((cpu - before.getOrDefault(name, 0.0)) / seconds * 100) / 100.0));
		return cores;
	}

	private static double postgresTicks() {
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			return processes.filter((path) -> path.getFileName().toString().chars().allMatch(Character::isDigit))
				.filter((path) -> "postgres".equals(read(path.resolve("comm")).strip()))
				.mapToDouble((path) -> ticks(path.resolve("stat")))
				.sum();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** utime + stime (+ children's, for the postmaster's exited backends). */
	private static double ticks(Path stat) {
		String line = read(stat);
		if (line.isEmpty()) {
			return 0;
		}
		// The command name in parentheses may hold spaces; fields are counted after it.
		String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
				+ Long.parseLong(fields[14]);
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			// The process ended between listing and reading.
			return "";
		}
	}

}
