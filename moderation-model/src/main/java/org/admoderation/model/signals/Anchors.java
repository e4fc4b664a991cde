package org.admoderation.model.signals;

import java.util.ArrayList;
import java.util.List;

/**
 * Literal text that every match of a pattern must contain, derived from the pattern's
 * source: the leading literal of each top-level alternative. A text that contains none of
 * them cannot match, and a match can only start where one occurs, so the pattern is tried
 * there alone: most of the lexicons' alternatives are words, and a regular expression
 * tried at every position of a long ad costs a hundred times a substring search. A
 * pattern with an alternative that starts with something other than a literal has no
 * anchors and is tried everywhere.
 */
final class Anchors {

	private static final Anchors ALWAYS = new Anchors(List.of());

	/** Empty means the pattern always runs. */
	private final List<String> literals;

	private Anchors(List<String> literals) {
		this.literals = literals;
	}

	static Anchors of(String regex) {
		List<String> literals = new ArrayList<>();
		for (String alternative : alternatives(regex)) {
			if (!collect(alternative, literals)) {
				return ALWAYS;
			}
		}
		return new Anchors(List.copyOf(literals));
	}

	/** Whether the pattern has anchors (else it runs everywhere). */
	boolean anchored() {
		return !this.literals.isEmpty();
	}

	/** Every position where one of the literals occurs, in order, without repeats. */
	int[] occurrences(String text) {
		java.util.TreeSet<Integer> positions = new java.util.TreeSet<>();
		for (String literal : this.literals) {
			for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) {
				positions.add(at);
			}
		}
		return positions.stream().mapToInt(Integer::intValue).toArray();
	}

	List<String> literals() {
		return this.literals;
	}

	/** Adds the anchors of one alternative; false when it has none. */
	private static boolean collect(String alternative, List<String> literals) {
		String rest = alternative;
		while (rest.startsWith("\\b")) {
			rest = rest.substring(2);
		}
		if (rest.startsWith("(?:")) {
			int close = closingParenthesis(rest, 0);
			if (close < 0) {
				return false;
			}
			String after = rest.substring(close + 1);
			if (!after.isEmpty() && "?*{".indexOf(after.charAt(0)) >= 0) {
				// the group may be absent: what follows it would have to anchor the match
				return false;
			}
			for (String inner : alternatives(rest.substring(3, close))) {
				if (!collect(inner, literals)) {
					return false;
				}
			}
			return true;
		}
		String literal = leadingLiteral(rest);
		if (literal.isEmpty()) {
			return false;
		}
		literals.add(literal);
		return true;
	}

	/**
	 * Letters and digits up to the first metacharacter; a quantified last one is left
	 * out.
	 */
	private static String leadingLiteral(String regex) {
		StringBuilder literal = new StringBuilder();
		for (int i = 0; i < regex.length(); i++) {
			char c = regex.charAt(i);
			if (c == '\\' && i + 1 < regex.length() && ".-+/@#:".indexOf(regex.charAt(i + 1)) >= 0) {
				// an escaped punctuation mark is itself
				c = regex.charAt(++i);
			}
			else if (!Character.isLetterOrDigit(c) && c != ' ' && c != '-' && c != '@' && c != '#') {
				break;
			}
			char next = (i + 1 < regex.length()) ? regex.charAt(i + 1) : '\0';
			if (next == '?' || next == '*' || next == '{') {
				break;
			}
			literal.append(c);
			if (next == '+') {
				break;
			}
		}
		return literal.toString();
	}

	/** The top-level alternatives of a regular expression (or of a group's content). */
	static List<String> alternatives(String regex) {
		int[] depth = structuralDepths(regex);
		List<String> parts = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < regex.length(); i++) {
			if (depth[i] == 0 && regex.charAt(i) == '|') {
				parts.add(regex.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(regex.substring(start));
		return parts;
	}

	private static int closingParenthesis(String regex, int open) {
		int[] depth = structuralDepths(regex);
		for (int i = open + 1; i < regex.length(); i++) {
			if (depth[i] == depth[open] && regex.charAt(i) == ')') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * For each character of a regular expression, the depth of parentheses it stands at
	 * (a closing one at its group's opening depth), or -1 when it is escaped or inside a
	 * character class and so is no structure.
	 */
	private static int[] structuralDepths(String regex) {
		int[] depths = new int[regex.length()];
		java.util.Arrays.fill(depths, -1);
		int depth = 0;
		boolean inClass = false;
		for (int i = 0; i < regex.length(); i++) {
			char c = regex.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (inClass) {
				inClass = c != ']';
			}
			else if (c == '[') {
				inClass = true;
			}
			else if (c == ')') {
				depths[i] = --depth;
			}
			else {
				depths[i] = depth;
				if (c == '(') {
					depth++;
				}
			}
		}
		return depths;
	}

}
