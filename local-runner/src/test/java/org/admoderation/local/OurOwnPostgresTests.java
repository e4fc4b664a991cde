package org.admoderation.local;

import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The runner migrates and loads demo ads only into the PostgreSQL it started: one that
 * took the port between the check and the start is refused.
 */
class OurOwnPostgresTests {

	@Test
	void onlyTheServerOfTheRunsOwnDataDirectoryPasses() throws Exception {
		Path ours = Files.createTempDirectory("local-run-ours-");
		Path another = Files.createTempDirectory("local-run-another-");
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(ours)
			.setCleanDataDirectory(true)
			.start()) {

			assertThatCode(() -> LocalRunner.requireOurOwnPostgres(postgres.getPostgresDatabase(), ours))
				.doesNotThrowAnyException();
			assertThatIllegalStateException()
				.isThrownBy(() -> LocalRunner.requireOurOwnPostgres(postgres.getPostgresDatabase(), another))
				.withMessageContaining("is not the one this run started");
		}
	}

}
