-- Enqueues one job; $12 is now (created_at, updated_at). run_at ($4) defaults to now upstream.
-- PostgreSQL twin: the same statement, and it signals channel nectr_jobs, which the
-- workers' listeners LISTEN on, with the schema as payload (listeners of other schemas in
-- the database ignore it). NOTIFY is delivered only when the transaction commits (never
-- for one rolled back), and equal ones within one transaction fold into one, so a batch
-- of deliveries wakes the workers once. On SQLite the in-process Notify does this.
INSERT INTO jobs (kind, payload, priority, state, run_at, attempts, max_attempts, event_id,
                  repo_full_name, pr_number, head_sha, coalesce_key, concurrency_key,
                  cancel_requested, created_at, updated_at)
VALUES ($1, $2, $3, 'queued', $4, 0, $5, $6, $7, $8, $9, $10, $11, 0, $12, $12)
RETURNING id, pg_notify('nectr_jobs', COALESCE(current_schema(), '')) AS notified
