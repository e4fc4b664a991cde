package org.admoderation.model.signals;

import java.math.BigDecimal;
import java.util.List;

import org.admoderation.model.Advertisement;
import org.admoderation.model.Evidence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextSignalsTests {

	private final TextSignals detectors = TextSignals.standard();

	@ParameterizedTest
	@ValueSource(strings = { "Звоните +7 926 111-22-33", "тел 89161234567", "8(915)4443322 Иван", "8.916.123.45.67",
			"номер 916 123 45 67" })
	void phoneNumbersInDigitsAreContacts(String text) {
		assertThat(description(text).value(Signal.PHONE_NUMBER)).isEqualTo(1f);
	}

	@ParameterizedTest
	@ValueSource(strings = { "восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь",
			"8 9I6 З4I-О7-22", "8 9 1 6 1 2 3 4 5 6 7",
			"Звоните восемь девятьсот двенадцать, 4 4 7, ноль шесть, тридцать один", "восемь 9два6 111 22 33" })
	void disguisedPhoneNumbersAreFound(String text) {
		assertThat(description(text).value(Signal.PHONE_OBFUSCATED)).isEqualTo(1f);
	}

	@ParameterizedTest
	@ValueSource(strings = { "VIN XTA81099012345678", "ИНН 7707083893", "ОГРН 1027700132195", "арт. 4607051621035",
			"Размеры 98 104 110 116 122", "Размер 42, 44, 46, 48", "пробег 187 000 км, 2012 г.в.",
			"Стрижка 500, окрашивание 1500, укладка 800", "OEM 47730-42080" })
	void numbersThatAreNotPhonesAreNotContacts(String text) {
		DetectedSignals signals = description(text);
		assertThat(signals.value(Signal.PHONE_NUMBER)).isZero();
		assertThat(signals.value(Signal.PHONE_OBFUSCATED)).isZero();
	}

	@Test
	void evidenceOffsetsCountUtf16CodeUnitsOfTheField() {
		String text = "Отличный \uD83D\uDE00 телефон, звоните +7 926 111 22 33 вечером";
		List<Evidence> evidence = description(text).evidence(Signal.PHONE_NUMBER);

		assertThat(evidence).singleElement().satisfies((span) -> {
			assertThat(span.field()).isEqualTo(Evidence.DESCRIPTION);
			assertThat(span.text()).isEqualTo("+7 926 111 22 33");
			assertThat(text.substring(span.start(), span.end())).isEqualTo(span.text());
		});
	}

	@Test
	void messengerInvitationIsNotTheSameAsAMention() {
		assertThat(description("Пишите в телеграм, отвечу быстро").value(Signal.MESSENGER_INVITE)).isPositive();
		assertThat(description("пишите в тг @ivan_sale").value(Signal.HANDLE)).isPositive();
		DetectedSignals mention = description("Телефон в идеале, WhatsApp и Telegram работают");
		assertThat(mention.value(Signal.MESSENGER_MENTION)).isPositive();
		assertThat(mention.value(Signal.MESSENGER_INVITE)).isZero();
		DetectedSignals refused = description("Вопросы только в чате, в WhatsApp незнакомым не отвечаю");
		assertThat(refused.value(Signal.CONTACT_REFUSED)).isPositive();
		assertThat(refused.value(Signal.MESSENGER_INVITE)).isZero();
	}

	@Test
	void emailsPlainAndSpelledOut() {
		assertThat(description("почта ivan.petrov@mail.ru").value(Signal.EMAIL)).isPositive();
		assertThat(description("пишите vadim77 собака mail точка ру").value(Signal.EMAIL_OBFUSCATED)).isPositive();
	}

	@Test
	void linksDomainsAndLookalikeLetters() {
		assertThat(description("Подробнее на www.mebel-market.ru").value(Signal.URL)).isPositive();
		assertThat(description("каталог: shop-mebel.ru").value(Signal.DOMAIN)).isPositive();
		assertThat(description("заходите t.me/shop_dv").value(Signal.MESSENGER_LINK)).isPositive();
		assertThat(description("Стекло 1.5 мм, размер 2.5x3").value(Signal.DOMAIN)).isZero();
	}

	@Test
	void prepaymentAskedIsNotPrepaymentRefused() {
		assertThat(description("Только 100% предоплата на карту").value(Signal.PREPAYMENT_REQUEST)).isPositive();
		DetectedSignals refused = description("Никаких предоплат, оплата при получении");
		assertThat(refused.value(Signal.PREPAYMENT_REQUEST)).isZero();
		assertThat(refused.value(Signal.NO_PREPAYMENT)).isPositive();
		DetectedSignals notTaken = description("Бронь после знакомства со щенком, деньги заранее не берем");
		assertThat(notTaken.value(Signal.PREPAYMENT_REQUEST)).isZero();
		assertThat(notTaken.value(Signal.NO_PREPAYMENT)).isPositive();
		assertThat(description("Есть безопасная сделка").value(Signal.SAFE_DEAL)).isPositive();
		DetectedSignals outside = description("Без безопасной сделки, только переводом");
		assertThat(outside.value(Signal.OUTSIDE_DEAL)).isPositive();
		assertThat(outside.value(Signal.SAFE_DEAL)).isZero();
	}

	@Test
	void prepaymentRefusedOrDueOnlyAfterAViewingIsNotAsked() {
		for (String text : List.of("По предоплате не отправляю, только самовывоз или доставка сайта",
				"На предоплату не работаем, извините", "По предоплате за доставку не отправляю",
				"Предоплата за первый месяц только после просмотра и договора",
				"Предоплата за первый месяц лишь после подписания договора аренды")) {
			DetectedSignals signals = description(text);
			assertThat(signals.value(Signal.PREPAYMENT_REQUEST)).as(text).isZero();
			assertThat(signals.value(Signal.NO_PREPAYMENT)).as(text).isPositive();
		}
		// requests that only sound like a refusal or a viewing first
		for (String text : List.of("Предоплата 50%, после просмотра фото отправлю",
				"Предоплата обязательна, без неё не отправляю", "Только по предоплате, иначе не отправляю",
				"Предоплата 100%, отправлю только после получения денег",
				"Деньги вперёд, отправка только после получения перевода",
				"Предоплата за месяц на карту. Заселение только после подписания договора",
				"Предоплата 50%, остаток только после осмотра", "Без предоплаты не отправляю",
				"Без предоплаты не бронируем, пишите")) {
			assertThat(description(text).value(Signal.PREPAYMENT_REQUEST)).as(text).isPositive();
		}
		assertThat(description("Предоплата 30% на карту, остальное только после встречи").value(Signal.MONEY_TRANSFER))
			.isPositive();
	}

	@Test
	void prohibitedWordsAreCancelledByAnInnocentContext() {
		assertThat(description("Соли, миксы, закладки по городу").value(Signal.LEXICON_DRUGS)).isPositive();
		assertThat(description("Соль для ванн с лавандой").value(Signal.LEXICON_DRUGS)).isZero();
		assertThat(description("Продам травмат, лицензия не нужна").value(Signal.LEXICON_WEAPONS)).isPositive();
		assertThat(description("Детский водяной пистолет, почти новый").value(Signal.LEXICON_WEAPONS)).isZero();
		assertThat(description("Обрезная доска 50х150, сухая").value(Signal.LEXICON_WEAPONS)).isZero();
		assertThat(description("Книга «Красная книга России»").value(Signal.LEXICON_PROTECTED_ANIMALS)).isZero();
		assertThat(description("Закладки для книг ручной работы").value(Signal.LEXICON_DRUGS)).isZero();
		assertThat(description("Капли от блох, без рецептурных препаратов").value(Signal.LEXICON_PRESCRIPTION_DRUGS))
			.isZero();
		assertThat(description("Феназепам без рецепта").value(Signal.LEXICON_PRESCRIPTION_DRUGS)).isPositive();
	}

	@Test
	void latinLookalikeLettersInsideCyrillicWordsAreRead() {
		assertThat(description("мeфeдрoн в наличии").value(Signal.LEXICON_DRUGS)).isPositive();
	}

	@Test
	void shoutingIsCyrillicCapitalsNotBrandCodes() {
		DetectedSignals shouting = signals("СРОЧНО!!! ПРОДАМ ДЁШЕВО", "ЗВОНИТЕ ПРЯМО СЕЙЧАС!!! ЛУЧШАЯ ЦЕНА В ГОРОДЕ");
		assertThat(shouting.value(Signal.CAPS_SHARE)).isGreaterThan(0.9f);
		assertThat(shouting.value(Signal.EXCLAMATIONS)).isPositive();
		DetectedSignals codes = signals("Материнская плата MSI B450M PRO-VDH MAX",
				"Сокет AM4, DDR4, M.2 NVMe, USB 3.2, LED подсветка, состояние хорошее");
		assertThat(codes.value(Signal.CAPS_SHARE)).isZero();
		DetectedSignals acronyms = signals("Лодка ПВХ 3200 и мотор",
				"Дно НДНД, киль. На учёте в ГИМС не стоит, МКПП у прицепа нет, ОСАГО не нужно");
		assertThat(acronyms.value(Signal.CAPS_SHARE)).isZero();
		assertThat(acronyms.value(Signal.TITLE_CAPS)).isZero();
		assertThat(description("Продаю дачу, ТОРГ УМЕСТЕН, звоните").value(Signal.CAPS_SHARE)).isPositive();
		assertThat(description("Отдам недорого, ТОРГ НА МЕСТЕ, самовывоз").value(Signal.CAPS_SHARE)).isPositive();
		assertThat(description("Полис с ОСАГО, КАСКО по желанию, лодка ПВХ 3200 НДНД").value(Signal.CAPS_SHARE))
			.isZero();
		assertThat(description("Машина не бита, ОСАГО/КАСКО есть, ПТС — СТС на руках").value(Signal.CAPS_SHARE))
			.isZero();
	}

	@Test
	void repeatedSentencesAndStuffedKeywords() {
		DetectedSignals repeated = description("Продаю диван. Продаю диван. Продаю диван. Самовывоз.");
		assertThat(repeated.value(Signal.REPEATED_SENTENCES)).isEqualTo(2f);
		DetectedSignals stuffed = signals("айфон iphone айфон",
				"айфон 13 айфон 14 айфон 15 купить айфон дешево айфон apple айфон pro max");
		assertThat(stuffed.value(Signal.REPEATED_WORDS)).isGreaterThan(0.3f);
		// a long, detailed ad names its subject often without stuffing anything
		DetectedSignals detailed = description("""
				Мотор двухтактный, 2018 года, около 70 моточасов, обслужен в этом году. Мотор заводится с \
				первого рывка, на холостых работает ровно, бак выносной на 12 литров. Показываю мотор в бочке \
				или на озере, по договорённости. Отдельно мотор не продаю, только вместе с лодкой: лодка без \
				мотора в нашей области никому не нужна. Расход примерно два с половиной литра в час на полном \
				ходу, бензин девяносто второй и масло один к пятидесяти, скорость около тридцати километров \
				в час с одним человеком по навигатору, вдвоём около двадцати пяти.""");
		assertThat(detailed.value(Signal.REPEATED_WORDS)).isZero();
	}

	@Test
	void aCardNumberPassingLuhnIsMoneyTransfer() {
		assertThat(description("карта 4276 3800 1234 5675").value(Signal.CARD_NUMBER)).isZero();
		assertThat(description("карта 4111 1111 1111 1111").value(Signal.CARD_NUMBER)).isEqualTo(1f);
	}

	/** Everyday phrases of honest ads that once tripped a detector. */
	@ParameterizedTest
	@org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = { "iPhone 14 128GB РФ, идеал|DOMAIN",
			"Продаю напрямую без посредников|OUTSIDE_DEAL", "Видеорегистратор, запись на карту памяти|MONEY_TRANSFER",
			"Саженцы киви, морозостойкие|MONEY_TRANSFER", "Корона золотая для костюма|MONEY_TRANSFER",
			"Аванс и зарплата два раза в месяц|PREPAYMENT_REQUEST", "Покупатели машин: деньги сразу|PREPAYMENT_REQUEST",
			"В нашей группе 8 детей|LINK_INVITE", "Фото: iPhone в коробке|LINK_INVITE",
			"Гранаты спелые, гранат 200 р/кг|LEXICON_WEAPONS", "Дрон, разрешение не требуется|LEXICON_WEAPONS",
			"Windows без лицензии, переустановлю|LEXICON_WEAPONS", "Проверка авто, пробив по VIN|LEXICON_STOLEN_DATA",
			"База отдыха, номера с видом на озеро|LEXICON_STOLEN_DATA",
			"Бокалы для вина с доставкой|LEXICON_ALCOHOL_TOBACCO", "У нас вай-фай и парковка|LEXICON_ALCOHOL_TOBACCO",
			"Тапочки медвежьи лапы, детские|LEXICON_PROTECTED_ANIMALS",
			"Сова ручной работы из войлока|LEXICON_PROTECTED_ANIMALS",
			"ОСАГО без торга, помогу оформить|LEXICON_DOCUMENTS", "Кладовка в районе метро, сухая|LEXICON_DRUGS",
			"Грелка солевая, многоразовая|LEXICON_DRUGS", "Щенки амстафф от титулованных родителей|LEXICON_DRUGS",
			"Батарейки AAA качество отличное|LEXICON_COUNTERFEIT",
			"Эпоксидная смола, смешивать 1:1|LEXICON_COUNTERFEIT",
			"Оснастка дроп-шот для окуня|LEXICON_ACCOUNTS_AND_SIM",
			"Метан 4 поколения, на учете|LEXICON_PRESCRIPTION_DRUGS" })
	void everydayPhrasesTripNoDetector(String text, Signal signal) {
		assertThat(description(text).value(signal)).isZero();
	}

	@Test
	void aHostileRunOfDotsIsScannedWithoutBlowingTheStack() {
		DetectedSignals signals = description("ab.".repeat(20_000) + "ru");

		assertThat(signals.value(Signal.LOG_LENGTH)).isPositive();
	}

	private DetectedSignals description(String text) {
		return signals("Объявление", text);
	}

	private DetectedSignals signals(String title, String description) {
		return this.detectors.detect(new Advertisement(1, title, description, 1, BigDecimal.TEN, 1, false));
	}

}
