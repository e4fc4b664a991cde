-- Long-polling (GET /moderation_result/{id}?wait=30s): every API replica LISTENs on one connection
-- and answers its waiting clients when their task ends. PostgreSQL delivers a NOTIFY at commit, to
-- every listening session, whichever service committed the change.
create function notify_moderation_task_ended() returns trigger language plpgsql as $$
begin
    perform pg_notify('moderation_task_ended', new.id::text);
    return null;
end;
$$;

create trigger moderation_task_ended
    after update of status on moderation_results
    for each row when (old.status = 'pending' and new.status <> 'pending')
    execute function notify_moderation_task_ended();
