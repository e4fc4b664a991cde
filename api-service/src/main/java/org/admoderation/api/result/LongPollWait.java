package org.admoderation.api.result;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.admoderation.api.web.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * The {@code wait} of a long-poll: {@code 30}, {@code 30s} or {@code 1500ms}, cut to
 * {@link #MAX}: a wait longer than a minute outlives many proxies' idle timeouts.
 */
final class LongPollWait {

	static final String PATTERN = "^[0-9]{1,6}(ms|s)?$";

	static final Duration MAX = Duration.ofSeconds(60);

	private static final Pattern WAIT = Pattern.compile("([0-9]{1,6})(ms|s)?");

	private LongPollWait() {
	}

	static Duration parse(String wait) {
		Matcher matcher = WAIT.matcher(wait);
		if (!matcher.matches()) {
			throw new InvalidWait();
		}
		long amount = Long.parseLong(matcher.group(1));
		Duration duration = "ms".equals(matcher.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
		return (duration.compareTo(MAX) > 0) ? MAX : duration;
	}

	/** A wait that is not one (400). */
	static final class InvalidWait extends ApiProblem {

		InvalidWait() {
			super(HttpStatus.BAD_REQUEST, "Invalid wait",
					"wait must be seconds (30 or 30s) or milliseconds (1500ms), at most 60 s");
		}

	}

}
