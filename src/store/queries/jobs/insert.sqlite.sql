-- Enqueues one job; $12 is now (created_at, updated_at). run_at ($4) defaults to now upstream.
-- SQLite twin: the PostgreSQL one also wakes other processes' workers (NOTIFY), and says
-- RETURNING id; here the new id is the statement's rowid (store::InsertedId).
INSERT INTO jobs (kind, payload, priority, state, run_at, attempts, max_attempts, event_id,
                  repo_full_name, pr_number, head_sha, coalesce_key, concurrency_key,
                  cancel_requested, created_at, updated_at)
VALUES ($1, $2, $3, 'queued', $4, 0, $5, $6, $7, $8, $9, $10, $11, 0, $12, $12)
