package org.admoderation.model.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds Russian phone numbers however they are written: digits with any grouping and
 * separators, digits as words ("восемь девятьсот шестнадцать ..."), letters that look
 * like digits (9I6, З, О), or a mix. A run of digit-like units becomes a number when its
 * digits form a Russian phone: 11 starting 7 or 8 then a mobile or city code, or 10
 * starting with 9. Longer or other runs (VIN, article numbers, ОГРН, card numbers, sizes
 * and price lists) are long numbers, not phones.
 */
final class PhoneNumbers {

	/** A run of digit-like units in a field. */
	record Run(int start, int end, String digits, boolean disguised, boolean glued) {

		boolean phone() {
			if (this.glued) {
				// part of a code such as a VIN or an article number: XTA21099...
				return false;
			}
			int n = this.digits.length();
			if (n == 11) {
				char first = this.digits.charAt(0);
				char code = this.digits.charAt(1);
				return (first == '7' || first == '8') && (code == '9' || code == '3' || code == '4' || code == '8');
			}
			return n == 10 && this.digits.charAt(0) == '9';
		}

		boolean longNumber() {
			return !phone() && this.digits.length() >= 10;
		}

	}

	private static final Map<String, Numeral> NUMERALS = numerals();

	private static final String LOOKALIKE_LETTERS = "оoзiіlб";

	private static final String LOOKALIKE_DIGITS = "0031116";

	private static final int MAX_SEPARATORS = 3;

	private PhoneNumbers() {
	}

	/** Runs of at least 7 digits in a folded field. */
	static List<Run> find(String folded) {
		List<Run> runs = new ArrayList<>();
		int i = 0;
		while (i < folded.length()) {
			Run run = runAt(folded, i);
			if (run != null) {
				if (run.digits().length() >= 7) {
					runs.add(run);
				}
				i = run.end();
			}
			else {
				i = skipToken(folded, i);
			}
		}
		return runs;
	}

	private static int skipToken(String text, int i) {
		if (!Character.isLetterOrDigit(text.charAt(i))) {
			return i + 1;
		}
		int j = i;
		while (j < text.length() && Character.isLetter(text.charAt(j))) {
			j++;
		}
		return Math.max(j, i + 1);
	}

	private static Run runAt(String text, int from) {
		StringBuilder digits = new StringBuilder();
		Composer words = new Composer(digits);
		boolean disguised = false;
		int units = 0;
		int start = -1;
		int end = from;
		int i = from;
		if (text.charAt(i) == '+') {
			i++;
		}
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				words.flush();
				if (start < 0) {
					start = (from < i && text.charAt(from) == '+') ? from : i;
				}
				digits.append(c);
				if (end < i || units == 0 || !Character.isDigit(text.charAt(i - 1))) {
					units++;
				}
				end = ++i;
				continue;
			}
			if (Character.isLetter(c)) {
				int j = i;
				while (j < text.length() && Character.isLetter(text.charAt(j))) {
					j++;
				}
				String word = text.substring(i, j);
				Numeral numeral = NUMERALS.get(word);
				if (numeral != null) {
					words.add(numeral);
				}
				else if (lookalike(word) && (digits.length() > 0 || nextIsDigit(text, j))) {
					words.flush();
					for (int k = 0; k < word.length(); k++) {
						digits.append(LOOKALIKE_DIGITS.charAt(LOOKALIKE_LETTERS.indexOf(word.charAt(k))));
					}
				}
				else {
					break;
				}
				if (start < 0) {
					start = i;
				}
				disguised = true;
				units++;
				end = i = j;
				continue;
			}
			int separators = 0;
			int j = i;
			// Commas part list items (sizes 42, 44, 46), except in a number spelled out
			// in words, where evaders use them as pauses: восемь девятьсот двенадцать, 4
			// 4 7, ...
			while (j < text.length() && separators <= MAX_SEPARATORS
					&& (isSeparator(text.charAt(j)) || (disguised && text.charAt(j) == ','))) {
				j++;
				separators++;
			}
			if (separators == 0 || separators > MAX_SEPARATORS || j >= text.length()
					|| !Character.isLetterOrDigit(text.charAt(j)) || start < 0) {
				break;
			}
			i = j;
		}
		words.flush();
		if (start < 0) {
			return null;
		}
		// Nine or more groups is spacing used to hide a number: 8 9 1 6 1 2 3 ...
		boolean glued = start > 0 && Character.isLetter(text.charAt(start - 1));
		return new Run(start, end, digits.toString(), disguised || units >= 9, glued);
	}

	private static boolean nextIsDigit(String text, int at) {
		int j = at;
		while (j < text.length() && isSeparator(text.charAt(j)) && j - at < MAX_SEPARATORS) {
			j++;
		}
		return j < text.length() && Character.isDigit(text.charAt(j));
	}

	private static boolean lookalike(String word) {
		if (word.length() > 3) {
			return false;
		}
		for (int k = 0; k < word.length(); k++) {
			if (LOOKALIKE_LETTERS.indexOf(word.charAt(k)) < 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean isSeparator(char c) {
		return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '_' || c == '*' || c == '/'
				|| c == '\u00a0' || c == '\u2011' || c == '\u2013' || c == '\u2014';
	}

	/** A number word: its value and its place (1 units, 2 tens and teens, 3 hundreds). */
	private record Numeral(int value, int place) {
	}

	/**
	 * Composes spoken numbers the way they are read out: "девятьсот шестнадцать" is 916,
	 * "сорок пять" is 45, "восемь" alone is 8.
	 */
	private static final class Composer {

		private final StringBuilder digits;

		private int value;

		private int width;

		/** The highest place the current group still takes; 0 when none is open. */
		private int open;

		Composer(StringBuilder digits) {
			this.digits = digits;
		}

		void add(Numeral numeral) {
			boolean teen = numeral.place() == 2 && numeral.value() < 20;
			if (this.open > 0 && numeral.place() <= this.open) {
				this.value += numeral.value();
				this.open = (numeral.place() == 2 && !teen) ? 1 : 0;
				if (this.open == 0) {
					flush();
				}
				return;
			}
			flush();
			this.value = numeral.value();
			this.width = numeral.place();
			this.open = (numeral.place() == 3) ? 2 : (numeral.place() == 2 && !teen) ? 1 : 0;
			if (this.open == 0) {
				flush();
			}
		}

		void flush() {
			if (this.width > 0) {
				String number = Integer.toString(this.value);
				this.digits.append("0".repeat(Math.max(0, this.width - number.length()))).append(number);
			}
			this.value = 0;
			this.width = 0;
			this.open = 0;
		}

	}

	private static Map<String, Numeral> numerals() {
		Map<String, Numeral> numerals = new java.util.HashMap<>();
		String[][] units = { { "ноль", "нуль" }, { "один", "одна", "одно" }, { "два", "две" }, { "три" }, { "четыре" },
				{ "пять" }, { "шесть" }, { "семь" }, { "восемь" }, { "девять" } };
		for (int value = 0; value < units.length; value++) {
			for (String word : units[value]) {
				numerals.put(word, new Numeral(value, 1));
			}
		}
		String[] teens = { "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
				"шестнадцать", "семнадцать", "восемнадцать", "девятнадцать" };
		for (int k = 0; k < teens.length; k++) {
			numerals.put(teens[k], new Numeral(10 + k, 2));
		}
		String[] tens = { "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят",
				"девяносто" };
		for (int k = 0; k < tens.length; k++) {
			numerals.put(tens[k], new Numeral(20 + 10 * k, 2));
		}
		String[] hundreds = { "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот",
				"девятьсот" };
		for (int k = 0; k < hundreds.length; k++) {
			numerals.put(hundreds[k], new Numeral(100 * (k + 1), 3));
		}
		return Map.copyOf(numerals);
	}

}
