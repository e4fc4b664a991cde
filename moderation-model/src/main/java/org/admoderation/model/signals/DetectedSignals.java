package org.admoderation.model.signals;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.admoderation.model.Evidence;

/**
 * What the detectors found in one advertisement: a value per {@link Signal}, in the
 * enum's order, and the spans that produced them.
 *
 * @param values one value per signal, indexed by {@link Signal#ordinal()}
 * @param evidence the matched spans of each signal that matched text
 */
public record DetectedSignals(float[] values, Map<Signal, List<Evidence>> evidence) {

	public DetectedSignals {
		values = values.clone();
		Map<Signal, List<Evidence>> copy = new EnumMap<>(Signal.class);
		evidence.forEach((signal, spans) -> copy.put(signal, List.copyOf(spans)));
		evidence = java.util.Collections.unmodifiableMap(copy);
	}

	public float value(Signal signal) {
		return this.values[signal.ordinal()];
	}

	public List<Evidence> evidence(Signal signal) {
		return this.evidence.getOrDefault(signal, List.of());
	}

	@Override
	public float[] values() {
		return this.values.clone();
	}

}
