package org.admoderation.api.task;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.admoderation.api.ApiApplication;
import org.admoderation.testsupport.UseRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool's settings that matter when PostgreSQL misbehaves, as the API runs them.
 */
@SpringBootTest(
		properties = { "spring.config.name=" + ApiApplication.CONFIG_NAME, "moderation.outbox.poll-interval=200ms" })
@AutoConfigureMockMvc
@UseRealInfrastructure
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
