-- The W3C trace context (traceparent) of the request that created a task: the relay sends it as the header of
-- the task's Kafka records, so the worker's log lines about the task carry the client's trace id. Null for tasks
-- created before this column, or with tracing off. Adding a nullable column without a default rewrites nothing.
set local lock_timeout = '10s';

alter table moderation_results add column trace_parent text;
