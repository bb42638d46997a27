-- Revives dead or cancelled job $1: queued again at $2 with its attempts reset. last_error
-- stays, to show why it had stopped.
-- SQLite twin: the PostgreSQL one also wakes other processes' workers (NOTIFY).
UPDATE jobs
SET state = 'queued', attempts = 0, run_at = $2, cancel_requested = 0,
    lease_expires_at = NULL, finished_at = NULL, updated_at = $2
WHERE id = $1 AND state IN ('dead', 'cancelled')
RETURNING event_id
