package org.admoderation.api;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool's settings that matter when PostgreSQL misbehaves, as the API runs them.
 */
@ApiIntegrationTest
class DatabaseSettingsTests {

	@Autowired
	private DataSource dataSource;

	@Test
	void aVanishedServerFailsAConnectionInsteadOfBlockingItsThread() {
		HikariDataSource pool = (HikariDataSource) this.dataSource;

		assertThat(pool.getDataSourceProperties().getProperty("socketTimeout")).isEqualTo("60");
		assertThat(pool.getConnectionTimeout()).isEqualTo(3000);
	}

}
