-- Revives dead or cancelled job $1: queued again at $2 with its attempts reset. last_error
-- stays, to show why it had stopped.
-- PostgreSQL twin: the same statement, and it signals channel nectr_jobs, which the
-- workers' listeners LISTEN on, with the schema as payload (listeners of other schemas in
-- the database ignore it). NOTIFY is delivered only when the transaction commits (never
-- for one rolled back), and equal ones within one transaction fold into one, so a batch
-- of deliveries wakes the workers once. On SQLite the in-process Notify does this.
UPDATE jobs
SET state = 'queued', attempts = 0, run_at = $2, cancel_requested = 0,
    lease_expires_at = NULL, finished_at = NULL, updated_at = $2
WHERE id = $1 AND state IN ('dead', 'cancelled')
RETURNING event_id, pg_notify('nectr_jobs', COALESCE(current_schema(), '')) AS notified
