-- Lock waits on webhook_endpoints must not stall the API's or the workers' writes: give up instead.
set local lock_timeout = '5s';

-- An endpoint is removed by marking it: a delete would lock its row and cascade through its whole log
-- in one transaction, and every decision meanwhile (the fan-out's foreign key check) would wait for it and
-- then fail. Marked, it receives nothing more and is gone from the admin API; its log stays readable in the
-- database.
alter table webhook_endpoints add column deleted_at timestamptz;

-- A redelivery starts a new period of retries: its backoff starts again from the first retry (attempts
-- counted from retry_base), and the outcome of a send that began before it (a different retries_from) no
-- longer moves the delivery.
alter table webhook_deliveries add column retry_base integer not null default 0;

-- The delivery log, newest first, per endpoint.
create index webhook_deliveries_log_idx on webhook_deliveries (endpoint_id, id desc);

create or replace function deliver_result_events_to_webhooks() returns trigger language plpgsql as $$
begin
    insert into webhook_deliveries (endpoint_id, event_id)
    select w.id, e.id
    from announced e
    join moderation_results t on t.id = e.task_id
    join webhook_endpoints w on w.deleted_at is null and (w.client_name is null or w.client_name = t.client_name);
    return null;
end;
$$;
