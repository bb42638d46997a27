-- Finishes the running jobs whose worker was lost ($1 now is past their lease) and that must
-- not run again: cancelled when a stop was asked for, dead when it was their last attempt
-- ($2 is the reason stored as last_error).
UPDATE jobs
SET state = CASE WHEN cancel_requested = 1 THEN 'cancelled' ELSE 'dead' END,
    last_error = CASE WHEN cancel_requested = 1 THEN COALESCE(last_error, $2) ELSE $2 END,
    lease_expires_at = NULL,
    finished_at = $1,
    updated_at = $1
WHERE state = 'running' AND lease_expires_at <= $1
  AND (cancel_requested = 1 OR attempts >= max_attempts)
RETURNING id, state, event_id, workflow_run_id, last_error
