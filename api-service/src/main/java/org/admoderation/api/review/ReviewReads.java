package org.admoderation.api.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.admoderation.api.review.ReviewItem.Ad;
import org.admoderation.api.review.ReviewStats.PolicyAgreement;
import org.admoderation.api.review.ReviewStats.Reviewer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What reviewers and their statistics read: the ad of a claimed item, the people's
 * decisions against the model's, and the reviewed ads for the labels export. It writes
 * nothing.
 */
@Repository
class ReviewReads {

	/**
	 * Rows fetched per round trip while the labels stream: the export never sits whole in
	 * memory.
	 */
	private static final int LABELS_FETCH_SIZE = 500;

	private final JdbcClient jdbc;

	private final JdbcTemplate streamingJdbc;

	private final TransactionTemplate readOnly;

	ReviewReads(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.streamingJdbc = new JdbcTemplate(jdbcTemplate.getDataSource());
		this.streamingJdbc.setFetchSize(LABELS_FETCH_SIZE);
		this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
		this.readOnly.setReadOnly(true);
	}

	/** The task's ad and seller as they are now; empty when the ad was deleted. */
	Optional<Ad> advertisementOf(long taskId) {
		return this.jdbc.sql("""
				select a.id, a.title, a.description, a.category, a.price, a.images_qty, a.seller_id, s.is_verified
				from moderation_results t
				join advertisements a on a.id = t.item_id
				join sellers s on s.id = a.seller_id
				where t.id = :taskId
				""")
			.param("taskId", taskId)
			.query((rs, row) -> new Ad(rs.getLong("id"), rs.getString("title"), rs.getString("description"),
					rs.getInt("category"), rs.getBigDecimal("price"), rs.getInt("images_qty"), rs.getLong("seller_id"),
					rs.getBoolean("is_verified")))
			.optional();
	}

	/** Each person's decisions, by name. */
	List<Reviewer> reviewers() {
		return this.jdbc.sql("""
				select actor, actor_kind, count(*) as decisions,
				       count(*) filter (where decision = 'approve') as approved,
				       count(*) filter (where decision = 'reject') as rejected,
				       max(created_at) as last_decided_at
				from decisions where actor_kind <> 'model'
				group by actor, actor_kind
				order by actor, actor_kind
				""")
			.query((rs, row) -> new Reviewer(rs.getString("actor"), rs.getString("actor_kind"), rs.getLong("decisions"),
					rs.getLong("approved"), rs.getLong("rejected"), rs.getTimestamp("last_decided_at").toInstant()))
			.list();
	}

	/**
	 * Reviewed tasks by the model's strongest reason, the model's decision and the
	 * person's, with agreement among those the model approved or rejected.
	 */
	List<PolicyAgreement> agreementByPolicy() {
		Map<String, Map<String, Map<String, Long>>> counts = new LinkedHashMap<>();
		this.jdbc.sql("""
				select coalesce(reasons -> 0 ->> 'code', 'none') as policy, model_decision, decision, count(*) as tasks
				from moderation_results
				where decided_by is not null and model_decision is not null
				group by 1, 2, 3
				order by 1, 2, 3
				""").query((ResultSet rs) -> {
			counts.computeIfAbsent(rs.getString("policy"), (policy) -> new LinkedHashMap<>())
				.computeIfAbsent(rs.getString("model_decision"), (model) -> new LinkedHashMap<>())
				.put(rs.getString("decision"), rs.getLong("tasks"));
		});
		List<PolicyAgreement> policies = new ArrayList<>();
		counts.forEach((policy, byModel) -> {
			long reviewed = byModel.values()
				.stream()
				.flatMap((byHuman) -> byHuman.values().stream())
				.mapToLong(Long::longValue)
				.sum();
			policies.add(new PolicyAgreement(policy, reviewed, byModel, Agreement.of(byModel).share()));
		});
		return policies;
	}

	/**
	 * Streams the ads people reviewed at or after {@code since}, in the order they were
	 * reviewed, each with its latest verdict, to {@code sink}, in one read-only
	 * transaction (a consistent snapshot, fetched {@link #LABELS_FETCH_SIZE} rows at a
	 * time).
	 */
	void labelsSince(Instant since, Consumer<Label> sink) {
		this.readOnly.executeWithoutResult((status) -> {
			try (Stream<Label> labels = this.streamingJdbc.queryForStream("""
					select t.id, t.item_id, a.title, a.description, a.category, a.price, a.images_qty,
					       s.is_verified, t.decision, d.reason_code, t.decided_by, t.reviewed_at, t.model_decision,
					       t.model_version
					from moderation_results t
					join advertisements a on a.id = t.item_id
					join sellers s on s.id = a.seller_id
					left join lateral (
					    select reason_code from decisions
					    where task_id = t.id and actor_kind <> 'model'
					    order by sequence desc
					    limit 1) d on true
					where t.decided_by is not null and t.reviewed_at >= ?
					order by t.reviewed_at, t.id
					""", ReviewReads::toLabel, Timestamp.from(since))) {
				labels.forEach(sink);
			}
		});
	}

	private static Label toLabel(ResultSet rs, int row) throws SQLException {
		return new Label(rs.getLong("id"), rs.getLong("item_id"), rs.getString("title"), rs.getString("description"),
				rs.getInt("category"), rs.getBigDecimal("price"), rs.getInt("images_qty"), rs.getBoolean("is_verified"),
				rs.getString("decision"), rs.getString("reason_code"), rs.getString("decided_by"),
				rs.getTimestamp("reviewed_at").toInstant(), rs.getString("model_decision"),
				rs.getString("model_version"));
	}

}
