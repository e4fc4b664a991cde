package org.admoderation.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The hand-written ads of {@code model/data/handwritten}: the calibration set and the
 * evaluation set, as labelled.
 */
final class HandwrittenAds {

	static final Path DIRECTORY = Path.of("..", "model", "data", "handwritten");

	private HandwrittenAds() {
	}

	/** One labelled ad. */
	record Labelled(String id, Advertisement ad, boolean violation, List<String> policies, boolean lookalike) {
	}

	static List<Labelled> read(String set) {
		ObjectMapper json = new ObjectMapper();
		List<Labelled> ads = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(DIRECTORY.resolve(set + ".jsonl"))) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode row = json.readTree(line);
				List<String> policies = new ArrayList<>();
				row.get("policies").forEach((policy) -> policies.add(policy.asString()));
				ads.add(new Labelled(row.get("id").asString(),
						new Advertisement(ads.size(), row.get("title").asString(), row.get("description").asString(),
								row.get("category").asInt(), new BigDecimal(row.get("price").asString()),
								row.get("images_qty").asInt(), row.get("seller_is_verified").asBoolean()),
						row.get("label").asString().equals("violation"), policies,
						row.path("lookalike").asBoolean(false)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return ads;
	}

}
