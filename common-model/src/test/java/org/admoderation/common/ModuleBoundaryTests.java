package org.admoderation.common;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * What both services share is modules too (docs/design.md, "Module map"): {@code config}
 * assembles the others, and no two of them depend on each other both ways.
 */
class ModuleBoundaryTests {

	@Test
	void modulesFormNoCycleAndUseOnlyEachOthersApi() {
		ApplicationModules.of("org.admoderation.common").verify();
	}

}
