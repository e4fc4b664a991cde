package org.admoderation.api.submission;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows the API's tests need, written straight into the test database. */
public final class SubmissionTestData {

	private final JdbcClient jdbc;

	public SubmissionTestData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long countTasks() {
		return this.jdbc.sql("select count(*) from moderation_results").query(Long.class).single();
	}

	/** A new ad of a new verified seller. */
	public long createAdvertisement() {
		long sellerId = this.jdbc.sql("insert into sellers (name, is_verified) values ('api test', true) returning id")
			.query(Long.class)
			.single();
		return this.jdbc.sql("""
				insert into advertisements (seller_id, title, description, category, price, images_qty)
				values (:sellerId, 'Bicycle', 'A city bicycle in good condition', 7, 5000, 3) returning id
				""").param("sellerId", sellerId).query(Long.class).single();
	}

}
