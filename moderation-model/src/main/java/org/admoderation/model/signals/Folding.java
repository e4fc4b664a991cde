package org.admoderation.model.signals;

/**
 * Folds text for matching without changing its length, so an offset in the folded text is
 * the same offset in the field: lower case, ё as е, and Latin letters that look Cyrillic
 * (a, e, o, p, c, x, y, k, m, t, h, b) read as Cyrillic inside a word that has Cyrillic
 * letters, which is how evaders write "мeф" or "тeлeгрaм".
 */
final class Folding {

	private static final String LATIN = "aeopcxykmthb";

	private static final String CYRILLIC = "аеорсхукмтнв";

	private Folding() {
	}

	static String fold(String text) {
		char[] folded = new char[text.length()];
		for (int i = 0; i < text.length(); i++) {
			char c = Character.toLowerCase(text.charAt(i));
			folded[i] = (c == 'ё') ? 'е' : c;
		}
		int wordStart = -1;
		for (int i = 0; i <= folded.length; i++) {
			boolean letter = i < folded.length && Character.isLetter(folded[i]);
			if (letter && wordStart < 0) {
				wordStart = i;
			}
			else if (!letter && wordStart >= 0) {
				foldLookalikes(folded, wordStart, i);
				wordStart = -1;
			}
		}
		return new String(folded);
	}

	private static void foldLookalikes(char[] text, int start, int end) {
		boolean cyrillic = false;
		boolean latin = false;
		for (int i = start; i < end; i++) {
			cyrillic |= isCyrillic(text[i]);
			latin |= text[i] >= 'a' && text[i] <= 'z';
		}
		if (!cyrillic || !latin) {
			return;
		}
		for (int i = start; i < end; i++) {
			int at = LATIN.indexOf(text[i]);
			if (at >= 0) {
				text[i] = CYRILLIC.charAt(at);
			}
		}
	}

	static boolean isCyrillic(char c) {
		return Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC;
	}

}
