package org.admoderation.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The two review-only policies, as rules over the listing rather than its wording:
 * <ul>
 * <li>{@code suspicious_price}: an identified, expensive item (an iPhone 15 Pro, a
 * PlayStation 5; {@code reference-prices.tsv}) offered at under
 * {@value #SUSPICIOUS_SHARE} of its reference price, when the ad is not about an
 * accessory, a part, a repair, a rental or a purchase. A price merely low for its
 * category never counts: most honest listings are cheap.</li>
 * <li>{@code thin_listing}: no photo and next to no description.</li>
 * </ul>
 * Neither can reject an ad; who the seller is plays no part.
 */
public final class ListingRules {

	static final double SUSPICIOUS_SHARE = 0.15;

	static final int THIN_DESCRIPTION_CHARS = 10;

	/** Words that say the ad is not the item itself at its full value. */
	private static final Pattern NOT_THE_ITEM = Pattern
		.compile("/\\s*час|\\b(?:чехл|чехол|стекл|пленк|кабел|зарядк|зарядн"
				+ "|блок\\s+питани|коробк|кейс|ремеш|запчаст|дисплей|экран|аккумулятор|акб|корпус|плат[аыу]\\b|шлейф"
				+ "|модуль|восстановлени|разбор|нерабоч|не\\s+работа|не\\s+включа|сломан|разбит|icloud|блокир|игр[аыу]\\b"
				+ "|игры|диск|джойстик|геймпад|контроллер|подставк|муляж|макет|копи[яи]|реплик|аренд|прокат|сутк"
				+ "|в\\s+час|ремонт|замен|обмен|куплю|скупк|выкуп|наклейк|скин|защит|держател|стилус|клавиатур|кулер"
				+ "|вентилятор|охлажд|лоток|док-станц|коврик|переходник|адаптер|шнур|кнопк|крышк|рамк|аккаунт|подписк"
				+ "|plus|game\\s+pass|ваучер|сертификат|пополнени|фигурк|игрушк|детск|брелок|магнит|постер|коробк)",
				Pattern.UNICODE_CHARACTER_CLASS);

	/**
	 * The category of cars; a recent car is an identified item of known minimum value.
	 */
	static final int CARS = 4;

	/** What any car of 2015 or later fetches at least, in roubles. */
	static final BigDecimal RECENT_CAR_REFERENCE = new BigDecimal("600000");

	private static final Pattern RECENT_YEAR = Pattern.compile("\\b20(?:1[5-9]|2\\d)\\b");

	/** A car sold as scrap, for parts or damaged is worth what its seller says. */
	private static final Pattern DAMAGED_CAR = Pattern.compile(
			"(?:аварийн|после\\s+дтп|битая|битый|не\\s+на\\s+ходу|утопленн|горел|без\\s+документ|на\\s+запчаст|в\\s+разбор|"
					+ "утиль|конструктор|под\\s+восстановлени|аренд|прокат|в\\s+рассрочку|первый\\s+взнос|взнос|кредит|лизинг|выкуп)",
			Pattern.UNICODE_CHARACTER_CLASS);

	/** A title about a part, tyres or an accessory of a car, not the car. */
	private static final Pattern CAR_PART = Pattern
		.compile("\\b(?:фар|бампер|двер|капот|крыл|зеркал|фонар|шин|диск|колес"
				+ "|резин|двигател|мотор|двс|кпп|акпп|мкпп|коробк|стойк|амортиз|рычаг|радиатор|генератор|стартер|магнитол"
				+ "|коврик|чехл|запчаст|ступиц|суппорт|тормоз|колодк|фильтр|свеч|ремен|глушител|сидень|руль|подушк|стекл"
				+ "|багажник|дворник|колпак|насос|датчик|блок|трос|привод|вал|кузов|порог|решетк|эмблем|молдинг|накладк"
				+ "|ключ|брелок|сигнализац|видеорегистратор|регистратор|домкрат|компрессор|масл|антифриз|аккумулятор|акб)",
				Pattern.UNICODE_CHARACTER_CLASS);

	private final List<Reference> references;

	private ListingRules(List<Reference> references) {
		this.references = references;
	}

	public static ListingRules standard() {
		try (InputStream in = Objects.requireNonNull(ListingRules.class.getResourceAsStream("reference-prices.tsv"),
				"reference-prices.tsv is missing from the classpath")) {
			List<Reference> references = new ArrayList<>();
			for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] columns = line.split("\t");
				references.add(new Reference(Pattern.compile(columns[0], Pattern.UNICODE_CHARACTER_CLASS),
						new BigDecimal(columns[1]), columns[2]));
			}
			return new ListingRules(List.copyOf(references));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The suspicious-price score in [0, 1] with the item's span, or null. */
	public @Nullable Reason suspiciousPrice(Advertisement ad) {
		// lower case char by char, so offsets stay the title's (String.toLowerCase may
		// change the length)
		String title = lowerCase(ad.title());
		for (Reference reference : this.references) {
			Matcher item = reference.item().matcher(title);
			if (!item.find()) {
				continue;
			}
			// the title says what is sold; a description mentions a box or a charger
			// either way
			if (NOT_THE_ITEM.matcher(title).find()) {
				return null;
			}
			double share = ad.price().doubleValue() / reference.price().doubleValue();
			return (share >= SUSPICIOUS_SHARE) ? null : suspicious(ad, share, item);
		}
		Matcher year = RECENT_YEAR.matcher(title);
		if (ad.category() == CARS && year.find() && !NOT_THE_ITEM.matcher(title).find()
				&& !CAR_PART.matcher(title).find()
				&& !DAMAGED_CAR.matcher(title + "\n" + lowerCase(ad.description())).find()) {
			double share = ad.price().doubleValue() / RECENT_CAR_REFERENCE.doubleValue();
			return (share < SUSPICIOUS_SHARE) ? suspicious(ad, share, year) : null;
		}
		return null;
	}

	private static String lowerCase(String text) {
		char[] lower = text.toCharArray();
		for (int i = 0; i < lower.length; i++) {
			lower[i] = Character.toLowerCase(lower[i]);
		}
		return new String(lower);
	}

	private static Reason suspicious(Advertisement ad, double share, Matcher item) {
		double score = PolicyModel.rounded(0.5 + 0.5 * (1 - share / SUSPICIOUS_SHARE));
		return new Reason(Policy.SUSPICIOUS_PRICE.code(), null, score, List.of(new Evidence(Evidence.TITLE,
				item.start(), item.end(), ad.title().substring(item.start(), item.end()))));
	}

	/** The thin-listing score, or null. */
	public @Nullable Reason thinListing(Advertisement ad) {
		if (ad.imagesQty() > 0 || ad.description().strip().length() >= THIN_DESCRIPTION_CHARS) {
			return null;
		}
		return new Reason(Policy.THIN_LISTING.code(), null, 1.0, List.of());
	}

	private record Reference(Pattern item, BigDecimal price, String name) {
	}

}
