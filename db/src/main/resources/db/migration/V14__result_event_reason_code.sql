-- A person's verdict on moderation_results (and in webhooks) carries the policy they gave for it, as the
-- audit trail does: a listing service can tell the seller why without asking. The model's decision and a
-- failure have none; the model's reasons stay in "reasons". TaskRepository.decide writes the decision's
-- row before it announces the event, so the event reads it.
create or replace function moderation_result_event(t moderation_results, event_sequence integer) returns jsonb
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
           'reason_code', case when t.decided_by is not null then
                              (select d.reason_code from decisions d
                               where d.task_id = t.id and d.actor_kind <> 'model'
                               order by d.sequence desc limit 1) end,
           'decided_at', to_char(coalesce(t.reviewed_at, t.processed_at) at time zone 'UTC',
                                 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'sequence', event_sequence)
$$;
