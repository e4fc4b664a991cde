-- The verdict of a model with policies (moderation-policies): approve / review / reject and the
-- reasons behind it, each policy's score with evidence spans. Tasks completed before keep both
-- null: their model gave only is_violation and probability, and nothing is rewritten.
-- Nullable columns without a default touch no row, and the constraints are NOT VALID: checked for
-- every row written from now on, without a scan of the table under an exclusive lock (every
-- existing row has a null decision, which they accept anyway).
alter table moderation_results
    add column decision text,
    add column reasons jsonb,
    add constraint moderation_results_decision_check
        check (decision in ('approve', 'review', 'reject')) not valid,
    -- the seed's binary verdict is the decision's: a violation exactly when rejected
    add constraint moderation_results_decision_verdict_check
        check (decision is null or is_violation is not distinct from (decision = 'reject')) not valid;
