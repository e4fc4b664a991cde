package org.admoderation.model.signals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.admoderation.model.Advertisement;
import org.admoderation.model.Evidence;

/**
 * The deterministic detectors: contacts, links, payment, prohibited-goods words, shouting
 * and repetition, each with the spans it matched. They run on the full title and
 * description (the encoder sees a bounded prefix; a phone at the end of a long ad is
 * still found here). Thread-safe and stateless once built.
 */
public final class TextSignals {

	/** A signal's value is its match count, up to this many. */
	static final int MAX_COUNT = 3;

	/** Characters of a field the detectors read. */
	static final int MAX_SCANNED_CHARS = 10_000;

	/** Evidence spans kept per signal. */
	static final int MAX_EVIDENCE = 5;

	/**
	 * Letters of a lone word in capitals that make it shouting rather than an acronym.
	 */
	static final int SHOUTED_WORD_LETTERS = 6;

	/** The share of a text's words one word must make up to count as stuffing. */
	static final double MIN_STUFFING_SHARE = 0.1;

	private static final Pattern EXCLAMATIONS = Pattern.compile("!{3,}");

	private static final Pattern SENTENCE_END = Pattern.compile("[.!?\\n]+");

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\d]+");

	private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\d]+");

	private static final Pattern CARD_NUMBER = Pattern
		.compile("(?<!\\d)\\d{4}([ \\-]?)\\d{4}\\1\\d{4}\\1\\d{4}(?!\\d)");

	private static final Set<String> STOPWORDS = Set.of("для", "без", "при", "или", "как", "что", "это", "все", "всё",
			"так", "уже", "еще", "есть", "над", "под", "про", "шт", "руб", "цена", "очень", "только", "можно", "нет",
			"the", "and", "with");

	private final PatternTable patterns;

	private TextSignals(PatternTable patterns) {
		this.patterns = patterns;
	}

	/** The detectors with the bundled patterns. */
	public static TextSignals standard() {
		return new TextSignals(PatternTable.load());
	}

	/** The signals' names, in the head's input order. */
	public static List<String> names() {
		return java.util.Arrays.stream(Signal.values()).map(Signal::key).toList();
	}

	/**
	 * @throws IllegalArgumentException when a text defeats the regular expressions (their
	 * stack), so the ad fails alone instead of taking the listener down
	 */
	public DetectedSignals detect(Advertisement advertisement) {
		try {
			return detect(scanned(advertisement.title()), scanned(advertisement.description()));
		}
		catch (StackOverflowError ex) {
			throw new IllegalArgumentException("The advertisement's text cannot be scanned", ex);
		}
	}

	/**
	 * The part of a field the detectors read: ads are rarely longer, and a bound keeps a
	 * hostile one from costing more than a long honest one. Offsets stay the field's.
	 */
	private static String scanned(String field) {
		return (field.length() <= MAX_SCANNED_CHARS) ? field : field.substring(0, MAX_SCANNED_CHARS);
	}

	private DetectedSignals detect(String title, String description) {
		Map<Signal, List<Evidence>> evidence = new EnumMap<>(Signal.class);
		Map<Signal, Integer> counts = new EnumMap<>(Signal.class);
		String foldedTitle = Folding.fold(title);
		String foldedDescription = Folding.fold(description);
		findPatterns(Evidence.TITLE, title, foldedTitle, counts, evidence);
		findPatterns(Evidence.DESCRIPTION, description, foldedDescription, counts, evidence);
		findNumbers(Evidence.TITLE, title, foldedTitle, counts, evidence);
		findNumbers(Evidence.DESCRIPTION, description, foldedDescription, counts, evidence);
		findExclamations(Evidence.TITLE, title, counts, evidence);
		findExclamations(Evidence.DESCRIPTION, description, counts, evidence);

		float[] values = new float[Signal.values().length];
		counts.forEach((signal, count) -> values[signal.ordinal()] = Math.min(count, MAX_COUNT));
		Caps titleCaps = caps(Evidence.TITLE, title, 6);
		Caps textCaps = caps(Evidence.DESCRIPTION, description, 20);
		values[Signal.TITLE_CAPS.ordinal()] = titleCaps.share();
		values[Signal.CAPS_SHARE.ordinal()] = Math.max(textCaps.share(), titleCaps.share() * 0.5f);
		addEvidence(evidence, Signal.TITLE_CAPS, titleCaps.spans());
		addEvidence(evidence, Signal.CAPS_SHARE, textCaps.spans());
		repeatedSentences(title, description, values, evidence);
		repeatedWords(title, description, values, evidence);
		values[Signal.LOG_LENGTH.ordinal()] = (float) Math.log1p(title.length() + description.length());
		return new DetectedSignals(values, evidence);
	}

	private void findPatterns(String field, String text, String folded, Map<Signal, Integer> counts,
			Map<Signal, List<Evidence>> evidence) {
		this.patterns.find(folded).forEach((signal, spans) -> {
			counts.merge(signal, spans.size(), Integer::sum);
			addEvidence(evidence, signal, spans.stream().map((span) -> span(field, text, span[0], span[1])).toList());
		});
	}

	private static void findNumbers(String field, String text, String folded, Map<Signal, Integer> counts,
			Map<Signal, List<Evidence>> evidence) {
		for (PhoneNumbers.Run run : PhoneNumbers.find(folded)) {
			Signal signal = run.phone() ? (run.disguised() ? Signal.PHONE_OBFUSCATED : Signal.PHONE_NUMBER)
					: run.longNumber() ? Signal.LONG_NUMBER : null;
			if (signal == null) {
				continue;
			}
			counts.merge(signal, 1, Integer::sum);
			addEvidence(evidence, signal, List.of(span(field, text, run.start(), run.end())));
		}
		for (Evidence card : cardNumbers(field, text)) {
			counts.merge(Signal.CARD_NUMBER, 1, Integer::sum);
			addEvidence(evidence, Signal.CARD_NUMBER, List.of(card));
		}
	}

	/** Sixteen digits in groups of four that pass the Luhn check. */
	private static List<Evidence> cardNumbers(String field, String text) {
		List<Evidence> cards = new ArrayList<>();
		Matcher matcher = CARD_NUMBER.matcher(text);
		while (matcher.find()) {
			if (luhn(matcher.group().replaceAll("\\D", ""))) {
				cards.add(span(field, text, matcher.start(), matcher.end()));
			}
		}
		return cards;
	}

	private static boolean luhn(String digits) {
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = digits.charAt(digits.length() - 1 - i) - '0';
			if (i % 2 == 1) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
		}
		return sum % 10 == 0;
	}

	private static void findExclamations(String field, String text, Map<Signal, Integer> counts,
			Map<Signal, List<Evidence>> evidence) {
		Matcher matcher = EXCLAMATIONS.matcher(text);
		while (matcher.find()) {
			counts.merge(Signal.EXCLAMATIONS, 1, Integer::sum);
			addEvidence(evidence, Signal.EXCLAMATIONS, List.of(span(field, text, matcher.start(), matcher.end())));
		}
	}

	private record Caps(float share, List<Evidence> spans) {
	}

	/**
	 * The share of Cyrillic letters that are shouted: written in capitals, in a run of
	 * two or more capitalised words ("ТОРГ УМЕСТЕН", "СДАМ В АРЕНДУ") or in one word of
	 * {@value #SHOUTED_WORD_LETTERS} letters or more ("СРОЧНО"). A lone short word in
	 * capitals is an acronym (ПВХ, МКПП, ОСАГО), and brand names and product codes are
	 * Latin: neither is shouting. Punctuation and numbers end a run ("ОСАГО, КАСКО", "ПВХ
	 * 3200 НДНД" are lists of acronyms); words of one or two letters ("В", "НА") carry a
	 * run on without counting as its words.
	 */
	private static Caps caps(String field, String text, int minimumLetters) {
		int letters = 0;
		int capitals = 0;
		List<Evidence> spans = new ArrayList<>();
		CapitalRun run = new CapitalRun();
		int previousEnd = 0;
		Matcher words = WORD.matcher(text);
		while (words.find()) {
			if (breaksRun(text, previousEnd, words.start())) {
				capitals += run.close(field, text, spans);
			}
			previousEnd = words.end();
			String word = words.group();
			int cyrillic = 0;
			int upper = 0;
			int otherLetters = 0;
			for (int i = 0; i < word.length(); i++) {
				char c = word.charAt(i);
				if (Character.isLetter(c) && Folding.isCyrillic(c)) {
					cyrillic++;
					if (Character.isUpperCase(c)) {
						upper++;
					}
				}
				else if (Character.isLetter(c)) {
					otherLetters++;
				}
			}
			letters += cyrillic;
			if (cyrillic > 0 && upper == cyrillic) {
				run.add(words.start(), words.end(), cyrillic);
			}
			else if (cyrillic > 0 || otherLetters == 0) {
				// a word in lower case, or a number
				capitals += run.close(field, text, spans);
			}
		}
		capitals += run.close(field, text, spans);
		if (letters < minimumLetters) {
			return new Caps(0f, List.of());
		}
		spans.sort((a, b) -> Integer.compare(b.end() - b.start(), a.end() - a.start()));
		return new Caps((float) capitals / letters, capitals > 0 ? spans : List.of());
	}

	/**
	 * Whether the text between two words ends a run of capitals: punctuation, a new line.
	 */
	private static boolean breaksRun(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			if (".,;:!?()/+—–«»\"\n".indexOf(text.charAt(i)) >= 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Consecutive words in capitals (Latin words do not break it); words of fewer than
	 * three letters join it without counting.
	 */
	private static final class CapitalRun {

		private int start = -1;

		private int end;

		private int words;

		private int letters;

		private int longestWord;

		void add(int wordStart, int wordEnd, int cyrillicLetters) {
			if (this.start < 0) {
				this.start = wordStart;
			}
			this.end = wordEnd;
			this.letters += cyrillicLetters;
			if (cyrillicLetters >= 3) {
				this.words++;
				this.longestWord = Math.max(this.longestWord, cyrillicLetters);
			}
		}

		/** Ends the run: its letters if it is shouting (and its span), else 0. */
		int close(String field, String text, List<Evidence> spans) {
			int shouted = 0;
			if (this.start >= 0 && (this.words >= 2 || this.longestWord >= SHOUTED_WORD_LETTERS)) {
				spans.add(span(field, text, this.start, this.end));
				shouted = this.letters;
			}
			this.start = -1;
			this.words = 0;
			this.letters = 0;
			this.longestWord = 0;
			return shouted;
		}

	}

	/** Sentences of the description (and the title) that occur more than once. */
	private static void repeatedSentences(String title, String description, float[] values,
			Map<Signal, List<Evidence>> evidence) {
		Map<String, Integer> seen = new HashMap<>();
		List<Evidence> repeats = new ArrayList<>();
		int extra = 0;
		String normalisedTitle = normalise(title);
		if (normalisedTitle.length() >= 6) {
			seen.put(normalisedTitle, 1);
		}
		int start = 0;
		Matcher ends = SENTENCE_END.matcher(description);
		while (start < description.length()) {
			int end = ends.find(start) ? ends.start() : description.length();
			int next = (end < description.length()) ? ends.end() : description.length();
			String sentence = normalise(description.substring(start, end));
			if (sentence.length() >= 6 && sentence.indexOf(' ') > 0 || sentence.length() >= 12) {
				if (seen.merge(sentence, 1, Integer::sum) > 1) {
					extra++;
					int from = start;
					while (from < end && Character.isWhitespace(description.charAt(from))) {
						from++;
					}
					repeats.add(span(Evidence.DESCRIPTION, description, from, end));
				}
			}
			start = Math.max(next, start + 1);
		}
		values[Signal.REPEATED_SENTENCES.ordinal()] = Math.min(extra, MAX_COUNT);
		addEvidence(evidence, Signal.REPEATED_SENTENCES, repeats);
	}

	/**
	 * Keyword stuffing: the share of the words that are the most repeated one, when it
	 * occurs four times or more in a text of at least eight words and makes up at least
	 * {@link #MIN_STUFFING_SHARE} of them (a detailed ad names its subject often).
	 */
	private static void repeatedWords(String title, String description, float[] values,
			Map<Signal, List<Evidence>> evidence) {
		Map<String, List<Evidence>> occurrences = new LinkedHashMap<>();
		int words = countWords(Evidence.TITLE, title, occurrences)
				+ countWords(Evidence.DESCRIPTION, description, occurrences);
		List<Evidence> top = occurrences.values()
			.stream()
			.max((a, b) -> Integer.compare(a.size(), b.size()))
			.orElse(List.of());
		if (words >= 8 && top.size() >= 4 && top.size() >= MIN_STUFFING_SHARE * words) {
			values[Signal.REPEATED_WORDS.ordinal()] = (float) top.size() / words;
			addEvidence(evidence, Signal.REPEATED_WORDS, top);
		}
	}

	private static int countWords(String field, String text, Map<String, List<Evidence>> occurrences) {
		String folded = Folding.fold(text);
		Matcher matcher = WORD.matcher(folded);
		int words = 0;
		while (matcher.find()) {
			words++;
			String word = matcher.group();
			if (word.length() >= 3 && !STOPWORDS.contains(word) && !word.chars().allMatch(Character::isDigit)) {
				occurrences.computeIfAbsent(word, (w) -> new ArrayList<>())
					.add(span(field, text, matcher.start(), matcher.end()));
			}
		}
		return words;
	}

	private static String normalise(String sentence) {
		return NOT_A_WORD.matcher(Folding.fold(sentence)).replaceAll(" ").trim();
	}

	private static void addEvidence(Map<Signal, List<Evidence>> evidence, Signal signal, List<Evidence> spans) {
		if (spans.isEmpty()) {
			return;
		}
		List<Evidence> list = evidence.computeIfAbsent(signal, (s) -> new ArrayList<>());
		for (Evidence span : spans) {
			if (list.size() < MAX_EVIDENCE) {
				list.add(span);
			}
		}
	}

	private static Evidence span(String field, String text, int start, int end) {
		return new Evidence(field, start, end, text.substring(start, end));
	}

}
