-- Human review (docs/design.md, "Human review"): reviewers correct the model, and every decision,
-- the model's and each person's, is a row of an audit trail.

-- The result's decision follows its last reviewer; the model's own stays beside it. Nullable
-- columns without a default touch no row; the check is NOT VALID for the same reason as V7's.
alter table moderation_results
    add column model_decision text,
    -- a reviewer's or operator's name from its credential; null while the model's decision stands
    add column decided_by     text,
    add column reviewed_at    timestamptz,
    add constraint moderation_results_model_decision_check
        check (model_decision in ('approve', 'review', 'reject')) not valid,
    -- a person approves or rejects; "review" is the model's way of asking one
    add constraint moderation_results_reviewed_check
        check (decided_by is null or (reviewed_at is not null and decision in ('approve', 'reject'))) not valid;

-- the labels export reads reviewed tasks in the order they were reviewed
create index moderation_results_reviewed_at_idx on moderation_results (reviewed_at) where decided_by is not null;

-- Every decision on a task, in order; the code only inserts here (TaskRepository). "sequence" numbers
-- a task's decisions from 1 (the model's), so that whoever reads them can tell the latest.
create table decisions (
    id            bigint generated always as identity primary key,
    task_id       bigint      not null references moderation_results (id),
    sequence      integer     not null,
    actor_kind    text        not null
        constraint decisions_actor_kind_check check (actor_kind in ('model', 'reviewer', 'operator')),
    -- the model's version, or the person's name
    actor         text        not null,
    decision      text        not null
        constraint decisions_decision_check check (decision in ('approve', 'review', 'reject')),
    -- a person's: the policy behind the verdict (required to reject) and a free note
    reason_code   text,
    note          text,
    -- the model's reasons with evidence, as the result shows them (the model's rows only)
    reasons       jsonb,
    -- the model whose decision this is, or whose decision the person was shown
    model_version text,
    created_at    timestamptz not null default now(),
    constraint decisions_task_sequence_uq unique (task_id, sequence)
);

create index decisions_human_created_idx on decisions (created_at) where actor_kind <> 'model';

-- The items waiting for a person: every "review" decision, and a sample of the others. A reviewer
-- claims one with a lease (FOR UPDATE SKIP LOCKED); when the lease expires, anyone may claim it
-- again. The row goes when a person decides.
create table review_queue (
    task_id     bigint      primary key references moderation_results (id),
    cause       text        not null
        constraint review_queue_cause_check check (cause in ('review', 'quality_sample')),
    enqueued_at timestamptz not null default now(),
    claimed_by  text,
    lease_until timestamptz,
    -- reviewers who skipped the item: it is not offered to them again
    skipped_by  text[]      not null default '{}',
    constraint review_queue_lease_check check ((claimed_by is null) = (lease_until is null))
);

-- claims take "review" items before samples, oldest first
create index review_queue_order_idx on review_queue ((cause <> 'review'), enqueued_at);
