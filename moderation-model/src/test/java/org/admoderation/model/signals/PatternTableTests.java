package org.admoderation.model.signals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.admoderation.model.Advertisement;
import org.admoderation.model.training.LabelledAds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PatternTableTests {

	private final PatternTable patterns = PatternTable.load();

	/**
	 * The anchors only skip patterns that could not match: on every hand-written ad and
	 * on the generator's phrase lists, the prefiltered result is the full one.
	 */
	@Test
	void theAnchorPrefilterNeverChangesWhatIsFound() throws IOException {
		List<String> texts = new ArrayList<>();
		for (Advertisement ad : LabelledAds.allHandwritten(Path.of(".."))) {
			texts.add(ad.title());
			texts.add(ad.description());
		}
		texts.addAll(Files.readAllLines(Path.of("..", "model", "generate_ads.py")));
		int matched = 0;
		for (String text : texts) {
			String folded = Folding.fold(text);
			Map<Signal, List<int[]>> full = this.patterns.find(folded, false);
			Map<Signal, List<int[]>> filtered = this.patterns.find(folded, true);
			assertThat(spans(filtered)).as(text).isEqualTo(spans(full));
			matched += full.size();
		}
		assertThat(matched).as("the texts exercise the patterns").isGreaterThan(300);
	}

	@Test
	void anchorsAreTheLeadingLiteralsOfEveryAlternative() {
		assertThat(Anchors.of("\\b(?:мефедрон\\w*|меф\\b|телеграмм?)").literals()).containsExactly("мефедрон", "меф",
				"телеграм");
		assertThat(Anchors.of("\\b(?:в|на)\\s+тг|\\bкрипт\\w*").literals()).containsExactly("в", "на", "крипт");
		assertThat(Anchors.of("(?<![\\w.@])@[a-z]+").literals()).isEmpty();
		assertThat(Anchors.of("\\b(?:\\S+\\s+){0,2}?предоплат").literals()).isEmpty();
		assertThat(Anchors.of("\\b(?:купить|[a-z]+\\.ru)").literals()).isEmpty();
	}

	private static Map<Signal, List<String>> spans(Map<Signal, List<int[]>> found) {
		Map<Signal, List<String>> spans = new java.util.EnumMap<>(Signal.class);
		found.forEach((signal, list) -> spans.put(signal, list.stream().map((s) -> s[0] + "-" + s[1]).toList()));
		return spans;
	}

}
