-- The column and the foreign keys take locks the API's writes would queue behind: give up rather than
-- stall them (Flyway retries the migration at the next start).
set local lock_timeout = '5s';

-- Webhooks (docs/design.md, "Webhooks"): every result event (V10) is also POSTed, signed, to the
-- endpoints an operator registered for the client that submitted the task. Only these URLs are ever
-- called; nothing a submitter sends names one.

-- The client whose key submitted the task (ClientKeys' "client:key"); null for an unnamed key or an
-- open API. Tasks created before this migration have none.
alter table moderation_results add column client_name text;

-- An endpoint with no client receives the events of every task. The secrets sign (Standard Webhooks,
-- "whsec_" and the key in base64); after a rotation the previous one signs too until
-- previous_secret_until, so a receiver can switch keys without missing a delivery.
create table webhook_endpoints (
    id                    bigint generated always as identity primary key,
    name                  text        not null unique,
    client_name           text,
    url                   text        not null,
    secret                text        not null,
    previous_secret       text,
    previous_secret_until timestamptz,
    created_at            timestamptz not null default now()
);

create index webhook_endpoints_client_idx on webhook_endpoints (client_name);

-- One row per event and endpoint: the delivery log. A delivery is pending until a 2xx answer
-- (delivered) or until it has been retried for moderation.webhooks.give-up-after since retries_from
-- (failed; an operator's redeliver starts it again). attempts counts the sends started, and a claimed
-- delivery's next_attempt_at is pushed past its send's timeout: a dispatcher that dies mid-send leaves
-- it to be sent again, at least once, never lost.
create table webhook_deliveries (
    id               bigint generated always as identity primary key,
    endpoint_id      bigint      not null references webhook_endpoints (id) on delete cascade,
    event_id         bigint      not null references result_events (id),
    state            text        not null default 'pending'
        constraint webhook_deliveries_state_ck check (state in ('pending', 'delivered', 'failed')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null default now(),
    created_at       timestamptz not null default now(),
    retries_from     timestamptz not null default now(),
    delivered_at     timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    constraint webhook_deliveries_endpoint_event_uq unique (endpoint_id, event_id)
);

create index webhook_deliveries_due_idx on webhook_deliveries (endpoint_id, next_attempt_at)
    where state = 'pending';
create index webhook_deliveries_event_idx on webhook_deliveries (event_id);

-- Each send and how it ended: what an operator reads to see why a receiver does not get its events.
create table webhook_attempts (
    id           bigint generated always as identity primary key,
    delivery_id  bigint      not null references webhook_deliveries (id) on delete cascade,
    attempt      integer     not null,
    attempted_at timestamptz not null,
    duration_ms  integer     not null,
    status_code  integer,
    error        text
);

create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, attempt);

-- The fan-out, in the statement that wrote the events, so an event and its deliveries commit together
-- whichever code path announced it.
create function deliver_result_events_to_webhooks() returns trigger language plpgsql as $$
begin
    insert into webhook_deliveries (endpoint_id, event_id)
    select w.id, e.id
    from announced e
    join moderation_results t on t.id = e.task_id
    join webhook_endpoints w on w.client_name is null or w.client_name = t.client_name;
    return null;
end;
$$;

create trigger result_events_to_webhooks
    after insert on result_events
    referencing new table as announced
    for each statement execute function deliver_result_events_to_webhooks();
