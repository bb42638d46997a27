-- Ends a failed attempt of job $1 leased by worker $2: state $3 ('queued' to retry at $4, or
-- 'dead'), error $5, now $6. A job asked to stop is cancelled instead, keeping its note.
UPDATE jobs
SET state = CASE WHEN cancel_requested = 1 THEN 'cancelled' ELSE $3 END,
    run_at = $4,
    last_error = CASE WHEN cancel_requested = 1 THEN COALESCE(last_error, $5) ELSE $5 END,
    lease_expires_at = NULL,
    finished_at = CASE WHEN cancel_requested = 1 OR $3 <> 'queued'
                       THEN CAST($6 AS BIGINT) ELSE NULL END,
    updated_at = $6
WHERE id = $1 AND lease_owner = $2 AND state = 'running'
RETURNING state, run_at, attempts, event_id, workflow_run_id
