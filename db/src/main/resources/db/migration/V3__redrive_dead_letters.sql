-- Redrive: an operator sends failed tasks back for processing. Their dead letters stay as the
-- audit trail, marked redriven; a task that fails again gets a new one, so "one dead letter per
-- failed task" holds among the letters that were not redriven.
alter table dead_letters add column redriven_at timestamptz;

drop index dead_letters_task_id_uq;
create unique index dead_letters_task_id_uq on dead_letters (task_id) where task_id is not null and redriven_at is null;

create index moderation_results_failed_processed_idx on moderation_results (processed_at) where status = 'failed';
