-- Idempotency-Key of POST /async_predict: a retry with the same key within the window gets the
-- task the first request created. One row per key; an expired key is overwritten by its next use.
create table submission_keys (
    key        text        primary key,
    item_id    bigint      not null,
    task_id    bigint      not null references moderation_results (id),
    created_at timestamptz not null default now()
);

-- the purge of expired keys
create index submission_keys_created_at_idx on submission_keys (created_at);
