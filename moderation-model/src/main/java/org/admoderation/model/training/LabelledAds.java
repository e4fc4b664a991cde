package org.admoderation.model.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.admoderation.model.Advertisement;

/**
 * Ads stored one JSON object a line, as {@code model/data/handwritten} and training's
 * work files hold them: the advertisement's fields, and where present the label, the
 * policies broken and whether a clean ad looks like a violation. The one reader the
 * evaluation tests, the feature export and the benchmarks share.
 */
public final class LabelledAds {

	/** The hand-written sets, relative to the repository's root. */
	public static final Path HANDWRITTEN = Path.of("model", "data", "handwritten");

	/** The hand-written sets, in the order the benchmarks cycle through them. */
	public static final List<String> HANDWRITTEN_SETS = List.of("calibration", "evaluation");

	private static final List<String> LABELS = List.of("clean", "violation");

	private LabelledAds() {
	}

	/**
	 * One stored ad. {@code ad().id()} is its line number in the file; {@code id} the
	 * identifier it was written with (empty when it has none).
	 */
	public record Labelled(String id, Advertisement ad, boolean violation, List<String> policies, boolean lookalike) {
	}

	/** The ads of a file, in order; an ad without a label counts as clean. */
	public static List<Labelled> read(Path file) {
		return read(file, false);
	}

	private static List<Labelled> read(Path file, boolean labelled) {
		ObjectMapper json = new ObjectMapper();
		List<Labelled> ads = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(file)) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode row = json.readTree(line);
				if (labelled && (row.path("id").asString("").isBlank()
						|| !LABELS.contains(row.path("label").asString("")))) {
					throw new IllegalArgumentException(file + ", ad " + (ads.size() + 1)
							+ ": a hand-written ad needs an id and a label of " + LABELS + ": " + line);
				}
				List<String> policies = new ArrayList<>();
				row.path("policies").forEach((policy) -> policies.add(policy.asString()));
				ads.add(new Labelled(row.path("id").asString(""),
						new Advertisement(ads.size(), row.get("title").asString(), row.get("description").asString(),
								row.get("category").asInt(), new BigDecimal(row.get("price").asString()),
								row.get("images_qty").asInt(), row.get("seller_is_verified").asBoolean()),
						row.path("label").asString("clean").equals("violation"), List.copyOf(policies),
						row.path("lookalike").asBoolean(false)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the ads of " + file.toAbsolutePath() + ": " + ex.getMessage(),
					ex);
		}
		return ads;
	}

	/**
	 * A hand-written set ({@code calibration} or {@code evaluation}); every ad must carry
	 * an id and a label, so a misspelt label cannot pass for a clean ad.
	 * @param repositoryRoot the repository's root, e.g. {@code ..} from a module
	 */
	public static List<Labelled> handwritten(Path repositoryRoot, String set) {
		return read(repositoryRoot.resolve(HANDWRITTEN).resolve(set + ".jsonl"), true);
	}

	/** Both hand-written sets, calibration first, their ads numbered in that order. */
	public static List<Advertisement> allHandwritten(Path repositoryRoot) {
		List<Advertisement> ads = new ArrayList<>();
		for (String set : HANDWRITTEN_SETS) {
			for (Labelled labelled : handwritten(repositoryRoot, set)) {
				Advertisement ad = labelled.ad();
				ads.add(new Advertisement(ads.size(), ad.title(), ad.description(), ad.category(), ad.price(),
						ad.imagesQty(), ad.sellerVerified()));
			}
		}
		return ads;
	}

}
