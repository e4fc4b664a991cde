package org.admoderation.testsupport;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A trigger that records every write leaving a task terminal, so tests can check from the
 * outside that each task had exactly one terminal transition (a conditional write never
 * adds a second one).
 */
public final class TerminalTransitions {

	/**
	 * The table the trigger writes: {@code task_id}, {@code status}, {@code written_at}.
	 */
	public static final String TABLE = "test_terminal_transitions";

	private TerminalTransitions() {
	}

	/** Installs the trigger; safe to call again. */
	public static void install(JdbcClient jdbc) {
		jdbc.sql("""
				create table if not exists test_terminal_transitions (task_id bigint not null, status text not null,
				  written_at timestamptz not null default clock_timestamp());
				create or replace function test_record_terminal_transition() returns trigger language plpgsql as $$
				begin
				  insert into test_terminal_transitions (task_id, status) values (new.id, new.status);
				  return new;
				end $$;
				drop trigger if exists test_terminal_transition on moderation_results;
				create trigger test_terminal_transition after update on moderation_results
				  for each row when (new.status <> 'pending') execute function test_record_terminal_transition();
				""").update();
	}

	/** How many terminal transitions a task had. */
	public static int count(JdbcClient jdbc, long taskId) {
		return jdbc.sql("select count(*) from test_terminal_transitions where task_id = :id")
			.param("id", taskId)
			.query(Integer.class)
			.single();
	}

}
