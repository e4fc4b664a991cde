set local lock_timeout = '5s';

-- (V13 says a removed endpoint's log stays readable: since this version the hourly purge deletes it, then
-- the endpoint's row, an hour after its removal.)

-- A name is unique among the endpoints not removed, so removing one frees its name without renaming the
-- row: an update of a column a plain unique constraint covers locks the row as FOR UPDATE, which every
-- decision's fan-out (its foreign key check, FOR KEY SHARE) would wait for; marking deleted_at alone does
-- not conflict with it.
alter table webhook_endpoints drop constraint webhook_endpoints_name_key;
create unique index webhook_endpoints_live_name_uq on webhook_endpoints (name) where deleted_at is null;
