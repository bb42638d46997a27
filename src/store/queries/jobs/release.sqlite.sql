-- Gives job $1 back from worker $2 at $3 (shutdown) without counting the attempt; it keeps
-- its place in line. A job asked to stop is cancelled instead. No row: the lease was lost.
-- SQLite twin: the PostgreSQL one also wakes other processes' workers (NOTIFY).
UPDATE jobs
SET state = CASE WHEN cancel_requested = 1 THEN 'cancelled' ELSE 'queued' END,
    attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
    lease_expires_at = NULL,
    finished_at = CASE WHEN cancel_requested = 1 THEN CAST($3 AS BIGINT) ELSE NULL END,
    updated_at = $3
WHERE id = $1 AND lease_owner = $2 AND state = 'running'
RETURNING state, event_id, workflow_run_id
