-- A dead letter the broker or the producer refused waits before its next try, behind the letters that came
-- after it: the relay claims the letters that are due, earliest first, so one letter that cannot be sent (too
-- large for the topic, say) no longer holds back every later failure.
alter table dead_letters
    add column publish_attempts integer     not null default 0,
    add column publish_due_at   timestamptz not null default now();

drop index dead_letters_unpublished_idx;
create index dead_letters_unpublished_idx on dead_letters (publish_due_at, id) where published_at is null;
