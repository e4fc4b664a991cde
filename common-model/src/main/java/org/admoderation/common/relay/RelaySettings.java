package org.admoderation.common.relay;

import java.time.Duration;

/** How a {@link TableRelay} works through its table. */
public interface RelaySettings {

	/** Rows claimed per round. */
	int batchSize();

	/** How often the relay looks when nobody wakes it. */
	Duration pollInterval();

	/** How long a round waits for the broker's acknowledgements. */
	Duration sendTimeout();

	/** The longest pause after consecutive failures. */
	Duration maxBackoff();

}
