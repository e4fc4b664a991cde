package org.admoderation.worker;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The worker's packages are modules (docs/design.md, "Module map"): {@code intake} reads
 * Kafka and hands records to {@code moderation}, which scores them with the model
 * {@code scoring} holds; {@code mlflow} is one of {@code scoring}'s model sources. No
 * cycle, and no reach into another module's internals.
 */
class ModuleBoundaryTests {

	@Test
	void modulesFormNoCycleAndUseOnlyEachOthersApi() {
		ApplicationModules.of(WorkerApplication.class).verify();
	}

}
