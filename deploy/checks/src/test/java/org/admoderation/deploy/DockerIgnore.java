package org.admoderation.deploy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;

/**
 * The part of Docker's {@code .dockerignore} rules the repository uses: glob patterns
 * relative to the context root, a pattern that matches a directory excludes everything
 * under it, {@code !} re-includes, and the last matching pattern decides.
 */
final class DockerIgnore {

	private DockerIgnore() {
	}

	static boolean excludes(List<String> patterns, String relativePath) {
		boolean excluded = false;
		for (String pattern : patterns) {
			boolean negated = pattern.startsWith("!");
			String glob = stripSlashes(negated ? pattern.substring(1) : pattern);
			if (matchesItselfOrAParent(glob, Path.of(relativePath))) {
				excluded = !negated;
			}
		}
		return excluded;
	}

	private static boolean matchesItselfOrAParent(String glob, Path path) {
		var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
		// Docker's "**/" also matches no directory at all.
		var rootMatcher = glob.startsWith("**/") ? FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3))
				: matcher;
		for (Path candidate = path; candidate != null; candidate = candidate.getParent()) {
			if (matcher.matches(candidate) || rootMatcher.matches(candidate)) {
				return true;
			}
		}
		return false;
	}

	private static String stripSlashes(String pattern) {
		String stripped = pattern.startsWith("/") ? pattern.substring(1) : pattern;
		return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
	}

}
