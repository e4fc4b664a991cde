-- attempts now counts processing attempts (a worker took the task), which is what bounds a task
-- that keeps failing to finish (invariant 6) and what the dead letter's retry_count reports.
-- Publishes are counted apart: a task nobody has taken yet (no worker, a long queue) is published
-- again with a growing interval, but never failed for it (invariant 2).
alter table moderation_results add column publishes integer not null default 0;
update moderation_results set publishes = attempts, attempts = 0 where status = 'pending';

comment on column moderation_results.attempts is 'processing attempts: times a worker took the task';
comment on column moderation_results.publishes is 'publishes to the moderation topic acknowledged by the broker';
