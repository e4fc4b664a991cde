-- Foreign keys to moderation_results take a lock the API's writes would queue behind: give up rather
-- than stall them (Flyway retries the migration at the next start).
set local lock_timeout = '5s';

-- Results pushed to clients (docs/design.md, "External contracts"): an outbox of the records of topic
-- moderation_results, one per decision (the model's, each person's) and one when a task fails, written in
-- the transaction that makes the decision and relayed after commit, so none is lost and each is
-- delivered at least once. "sequence" numbers a task's events from 1: a consumer keeps, per task, the
-- highest it has seen and drops the rest (duplicates and stale events alike).
create table result_events (
    id               bigint generated always as identity primary key,
    task_id          bigint      not null references moderation_results (id),
    item_id          bigint      not null,
    sequence         integer     not null,
    payload          text        not null,
    created_at       timestamptz not null default now(),
    published_at     timestamptz,
    publish_attempts integer     not null default 0,
    publish_due_at   timestamptz not null default now(),
    constraint result_events_task_sequence_uq unique (task_id, sequence)
);

create index result_events_unpublished_idx on result_events (publish_due_at, id) where published_at is null;
-- the relay publishes an ad's events in order: none while an earlier one of the same ad is unpublished
create index result_events_unpublished_item_idx on result_events (item_id, id) where published_at is null;

-- The event's value, the one definition of its shape (docs/events/moderation-result.schema.json),
-- from a task's row as it stands after the change; every field is present, null where it does not
-- apply. decided_by is the person's name, or "model" while the model's decision stands; a failure has
-- no decision, and error_message only a failure has.
create function moderation_result_event(t moderation_results, event_sequence integer) returns jsonb
    language sql stable as $$
select jsonb_build_object(
           'task_id', t.id,
           'item_id', t.item_id,
           'status', t.status,
           'decision', t.decision,
           'model_decision', coalesce(t.model_decision, t.decision),
           'is_violation', t.is_violation,
           'probability', t.probability,
           'reasons', t.reasons,
           'model_version', t.model_version,
           'error_message', case when t.status = 'failed' then t.error_message end,
           'decided_by', case when t.decided_by is not null then t.decided_by
                              when t.decision is not null then 'model' end,
           'decided_at', to_char(coalesce(t.reviewed_at, t.processed_at) at time zone 'UTC',
                                 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'sequence', event_sequence)
$$;

-- The audit trail of V9 can only grow: the database refuses to rewrite it, whatever the code does
-- (its owner can still disable the trigger, deliberately).
create function decisions_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'decisions is an audit trail: its rows are never updated or deleted'
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger decisions_append_only
    before update or delete on decisions
    for each row execute function decisions_append_only();
