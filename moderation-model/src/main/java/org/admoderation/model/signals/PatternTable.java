package org.admoderation.model.signals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regular-expression signals of {@code patterns.tsv}: which pattern counts for which
 * signal, and which signal's matches an innocent or negating one cancels nearby.
 */
final class PatternTable {

	/** How near (in characters) a cancelling match must be to drop a match. */
	static final int UNLESS_WINDOW = 25;

	private final List<Entry> entries;

	private final Map<Signal, List<Signal>> cancelledBy;

	private PatternTable(List<Entry> entries, Map<Signal, List<Signal>> cancelledBy) {
		this.entries = entries;
		this.cancelledBy = cancelledBy;
	}

	static PatternTable load() {
		try (InputStream in = Objects.requireNonNull(PatternTable.class.getResourceAsStream("patterns.tsv"),
				"patterns.tsv is missing from the classpath")) {
			return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static PatternTable parse(List<String> lines) {
		List<Entry> entries = new ArrayList<>();
		Map<Signal, List<Signal>> cancelledBy = new EnumMap<>(Signal.class);
		int number = 0;
		for (String line : lines) {
			number++;
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] columns = line.split("\t");
			try {
				if (columns[0].equals("@unless") && columns.length == 3) {
					cancelledBy.computeIfAbsent(Signal.valueOf(columns[1]), (signal) -> new ArrayList<>())
						.add(Signal.valueOf(columns[2]));
				}
				else if (columns.length == 2) {
					entries.add(new Entry(Signal.valueOf(columns[0]),
							Pattern.compile(columns[1], Pattern.UNICODE_CHARACTER_CLASS), Anchors.of(columns[1])));
				}
				else {
					throw new IllegalArgumentException("expected SIGNAL<TAB>regex or @unless<TAB>SIGNAL<TAB>OTHER");
				}
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("patterns.tsv line " + number + ": " + ex.getMessage(), ex);
			}
		}
		return new PatternTable(List.copyOf(entries), cancelledBy);
	}

	/** Every match in one folded field, by signal, after the cancelling rules. */
	Map<Signal, List<int[]>> find(String folded) {
		return find(folded, true);
	}

	/**
	 * @param prefilter skip a pattern whose every match must contain one of its anchors
	 * when the text contains none (the same result, a fraction of the time)
	 */
	Map<Signal, List<int[]>> find(String folded, boolean prefilter) {
		Map<Signal, List<int[]>> found = new EnumMap<>(Signal.class);
		for (Entry entry : this.entries) {
			List<int[]> spans = (prefilter && entry.anchors().anchored()) ? matchAtAnchors(entry, folded)
					: matchEverywhere(entry, folded);
			if (!spans.isEmpty()) {
				found.computeIfAbsent(entry.signal(), (signal) -> new ArrayList<>()).addAll(spans);
			}
		}
		this.cancelledBy.forEach((signal, cancellers) -> {
			List<int[]> spans = found.get(signal);
			if (spans == null) {
				return;
			}
			spans.removeIf((span) -> cancellers.stream()
				.flatMap((canceller) -> found.getOrDefault(canceller, List.of()).stream())
				.anyMatch((other) -> other[0] < span[1] + UNLESS_WINDOW && span[0] < other[1] + UNLESS_WINDOW));
			if (spans.isEmpty()) {
				found.remove(signal);
			}
		});
		return found;
	}

	private static List<int[]> matchEverywhere(Entry entry, String text) {
		List<int[]> spans = new ArrayList<>();
		Matcher matcher = entry.pattern().matcher(text);
		while (matcher.find()) {
			if (matcher.end() > matcher.start()) {
				spans.add(new int[] { matcher.start(), matcher.end() });
			}
		}
		return spans;
	}

	/**
	 * The same matches as {@link #matchEverywhere}, tried only where a match can start:
	 * where one of the pattern's leading literals occurs. Bounds are transparent, so
	 * {@code \b} and look-arounds still see the text around a candidate.
	 */
	private static List<int[]> matchAtAnchors(Entry entry, String text) {
		int[] starts = entry.anchors().occurrences(text);
		List<int[]> spans = new ArrayList<>();
		if (starts.length == 0) {
			return spans;
		}
		Matcher matcher = entry.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
		int next = 0;
		for (int start : starts) {
			if (start < next) {
				continue;
			}
			matcher.region(start, text.length());
			if (matcher.lookingAt() && matcher.end() > matcher.start()) {
				spans.add(new int[] { matcher.start(), matcher.end() });
				next = matcher.end();
			}
		}
		return spans;
	}

	private record Entry(Signal signal, Pattern pattern, Anchors anchors) {
	}

}
