-- Dropping an index and altering the table lock it exclusively: give up after 10 s rather than
-- queue every query behind a long transaction (the migration then fails and runs again at the
-- next start).
set local lock_timeout = '10s';

-- Each task row is written four times in its first second (insert, published, taken by a worker,
-- completed); under load these writes are most of PostgreSQL's work (docs/benchmarks.md).

-- No query reads tasks by item_id (the API and workers go by task id, the relay by
-- publish_due_at), yet every insert and every non-HOT update paid for an entry in this index.
drop index if exists moderation_results_item_id_idx;

-- Room on each page for a row's next versions: an update that changes no indexed column (a
-- worker counting its attempt) stays on the page as a HOT update and writes no index entry.
-- Applies to pages written from now on; existing pages keep theirs until rewritten.
alter table moderation_results set (fillfactor = 70);

-- The table churns: vacuum it after 2 % of its rows changed instead of 20 %, so the dead index
-- entries the relay's due-task scan walks over do not pile up between vacuums.
alter table moderation_results set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
