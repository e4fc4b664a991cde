-- The verdict of a model with policies (moderation-policies): approve / review / reject and the
-- reasons behind it, each policy's score with evidence spans. Tasks completed before keep both
-- null: their model gave only is_violation and probability, and nothing is rewritten. Adding
-- nullable columns without a default touches no row, so this runs in constant time.
alter table moderation_results
    add column decision text
        constraint moderation_results_decision_check check (decision in ('approve', 'review', 'reject')),
    add column reasons jsonb,
    -- the seed's binary verdict is the decision's: a violation exactly when rejected
    add constraint moderation_results_decision_verdict_check
        check (decision is null or is_violation = (decision = 'reject'));
