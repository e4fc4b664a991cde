package org.admoderation.worker.scoring;

import java.util.Map;

import org.admoderation.model.IncompatibleModel;
import org.admoderation.model.Policy;
import org.admoderation.model.Thresholds;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ModelPropertiesTests {

	@Test
	void thresholdsBindFromPropertiesAndFromEnvironmentStyleKeys() {
		ModelProperties properties = bind(Map.of("moderation.model.thresholds.contacts_in_text.reject", "0.9",
				"moderation.model.thresholds.offplatformpayment.review", "0.4"));

		assertThat(properties.overrides()).containsEntry(Policy.CONTACTS_IN_TEXT, new Thresholds.Configured(null, 0.9))
			.containsEntry(Policy.OFF_PLATFORM_PAYMENT, new Thresholds.Configured(0.4, null));
	}

	@Test
	void anUnknownPolicyIsNamedInTheError() {
		ModelProperties properties = bind(Map.of("moderation.model.thresholds.contacts.reject", "0.9"));

		assertThatExceptionOfType(IncompatibleModel.class).isThrownBy(properties::overrides)
			.withMessageContaining("names no policy 'contacts'");
	}

	private static ModelProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("moderation.model",
				ModelProperties.class);
	}

}
