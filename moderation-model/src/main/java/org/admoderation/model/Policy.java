package org.admoderation.model;

import java.util.List;
import java.util.Locale;

import org.admoderation.model.signals.Signal;

/**
 * The marketplace's policies, each scored on its own. The trained head scores the text
 * policies; {@link #SUSPICIOUS_PRICE} and {@link #THIN_LISTING} are rules over the
 * listing, and they can only send an ad to review: who the seller is and what an item
 * costs never reject an ad on their own.
 */
public enum Policy {

	CONTACTS_IN_TEXT(false,
			List.of(Signal.PHONE_NUMBER, Signal.PHONE_OBFUSCATED, Signal.MESSENGER_INVITE, Signal.HANDLE, Signal.EMAIL,
					Signal.EMAIL_OBFUSCATED, Signal.MESSENGER_MENTION)),

	EXTERNAL_LINK(false,
			List.of(Signal.URL, Signal.MESSENGER_LINK, Signal.DOMAIN, Signal.LINK_INVITE, Signal.OTHER_MARKETPLACE)),

	OFF_PLATFORM_PAYMENT(false,
			List.of(Signal.PREPAYMENT_REQUEST, Signal.MONEY_TRANSFER, Signal.CARD_NUMBER, Signal.CRYPTO,
					Signal.OUTSIDE_DEAL)),

	PROHIBITED_GOODS(false,
			List.of(Signal.LEXICON_DRUGS, Signal.LEXICON_PRESCRIPTION_DRUGS, Signal.LEXICON_WEAPONS,
					Signal.LEXICON_EXPLOSIVES, Signal.LEXICON_DOCUMENTS, Signal.LEXICON_PROTECTED_ANIMALS,
					Signal.LEXICON_COUNTERFEIT, Signal.LEXICON_ACCOUNTS_AND_SIM, Signal.LEXICON_STOLEN_DATA,
					Signal.LEXICON_ALCOHOL_TOBACCO)),

	SPAM(false,
			List.of(Signal.TITLE_CAPS, Signal.CAPS_SHARE, Signal.EXCLAMATIONS, Signal.REPEATED_SENTENCES,
					Signal.REPEATED_WORDS, Signal.HASHTAGS)),

	SUSPICIOUS_PRICE(true, List.of()),

	THIN_LISTING(true, List.of());

	private final boolean reviewOnly;

	private final List<Signal> evidenceSignals;

	Policy(boolean reviewOnly, List<Signal> evidenceSignals) {
		this.reviewOnly = reviewOnly;
		this.evidenceSignals = evidenceSignals;
	}

	/** The code in results and the model's metadata: {@code contacts_in_text}. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Policy fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

	/** Whether the policy can send an ad to review but never reject it. */
	public boolean reviewOnly() {
		return this.reviewOnly;
	}

	/** The signals whose matches are this policy's evidence, strongest kind first. */
	public List<Signal> evidenceSignals() {
		return this.evidenceSignals;
	}

	/** The prohibited-goods subtype a lexicon signal stands for: {@code drugs}. */
	public static String subtypeOf(Signal lexicon) {
		return lexicon.key().substring("lexicon_".length());
	}

}
