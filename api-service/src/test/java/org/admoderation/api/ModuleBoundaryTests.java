package org.admoderation.api;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The API's packages are modules (docs/design.md, "Module map"): no cycle between them,
 * and none reaches into another's internals. {@code web} is shared by the features and
 * depends on none of them; {@code outbox} is used by the features that create or redrive
 * tasks.
 */
class ModuleBoundaryTests {

	@Test
	void modulesFormNoCycleAndUseOnlyEachOthersApi() {
		ApplicationModules.of(ApiApplication.class).verify();
	}

}
