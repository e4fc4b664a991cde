package org.admoderation.model.signals;

import java.util.Locale;

/**
 * The deterministic signals the detectors compute from an advertisement, in the order of
 * the head's {@code signals} input. Each is a number (a capped count or a share); the
 * head learns how much each one says about each policy. Adding, removing or reordering a
 * signal changes the input contract: the head's metadata lists the names it was trained
 * on and the worker refuses a head whose list differs.
 */
public enum Signal {

	/** A Russian phone number in digits: +7 926 111-22-33, 8(915)4443322. */
	PHONE_NUMBER,
	/** A phone number disguised: digits as words, look-alike letters (9I6, З). */
	PHONE_OBFUSCATED,
	/** A messenger named: telegram, тг, вотсап, вайбер. */
	MESSENGER_MENTION,
	/** An invitation off the platform: "пишите в тг", "на вотсап", "ник в телеге". */
	MESSENGER_INVITE,
	/** Contact off the platform refused: "в WhatsApp не отвечаю", "только в чате". */
	CONTACT_REFUSED,
	/** A handle such as @ivan_sale. */
	HANDLE,
	/** An e-mail address. */
	EMAIL,
	/** An e-mail spelled out: "ivan собака mail точка ру". */
	EMAIL_OBFUSCATED,
	/** A URL: http(s)://, www. */
	URL,
	/** A bare domain: shop-mebel.ru, "mebel точка ру". */
	DOMAIN,
	/** A messenger or social link: t.me/, wa.me/, vk.com/. */
	MESSENGER_LINK,
	/** Words that point to a link: "ссылка в профиле", "на нашем сайте". */
	LINK_INVITE,
	/** Another marketplace or shop named as where to buy. */
	OTHER_MARKETPLACE,
	/** Advance payment asked: предоплата, аванс, задаток, залог до просмотра. */
	PREPAYMENT_REQUEST,
	/** Money sent off the platform: на карту, перевод, СБП, a bank's name. */
	MONEY_TRANSFER,
	/** A payment card number. */
	CARD_NUMBER,
	/** Crypto currency: USDT, биткоин. */
	CRYPTO,
	/** A deal outside the platform: "без безопасной сделки", "напрямую". */
	OUTSIDE_DEAL,
	/** Prepayment refused: "без предоплаты", "оплата при получении". */
	NO_PREPAYMENT,
	/** The platform's safe deal offered. */
	SAFE_DEAL,
	/** Share of Cyrillic letters written in capitals, in words of three or more. */
	CAPS_SHARE,
	/** The same for the title. */
	TITLE_CAPS,
	/** Runs of three or more exclamation marks. */
	EXCLAMATIONS,
	/** Sentences that occur more than once. */
	REPEATED_SENTENCES,
	/** How much of the text is its most repeated word. */
	REPEATED_WORDS,
	/** Hashtags. */
	HASHTAGS,
	/** Drugs and their slang. */
	LEXICON_DRUGS,
	/** Prescription drugs sold without a prescription, anabolic steroids. */
	LEXICON_PRESCRIPTION_DRUGS,
	/** Firearms, ammunition, knuckle-dusters. */
	LEXICON_WEAPONS,
	/** Explosives and detonators. */
	LEXICON_EXPLOSIVES,
	/** Forged or bought documents, diplomas, certificates. */
	LEXICON_DOCUMENTS,
	/** Protected wild animals and their parts. */
	LEXICON_PROTECTED_ANIMALS,
	/** Replicas of brands, counterfeit money. */
	LEXICON_COUNTERFEIT,
	/** Accounts, SIM cards and bank cards registered to someone else. */
	LEXICON_ACCOUNTS_AND_SIM,
	/** Personal data, customer databases. */
	LEXICON_STOLEN_DATA,
	/** Alcohol and tobacco sold at a distance. */
	LEXICON_ALCOHOL_TOBACCO,
	/** Words that make a risky-looking item innocent: соль для ванн, водяной пистолет. */
	INNOCENT_CONTEXT,
	/** Digit runs of ten or more that are not phones: VIN, article numbers, ОГРН. */
	LONG_NUMBER,
	/** log1p of the text's length, so the head can weigh counts by it. */
	LOG_LENGTH;

	/** The name in the model's metadata and training files: {@code phone_number}. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

}
