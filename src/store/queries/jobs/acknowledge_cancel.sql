-- Worker $2 stopped job $1 because a stop was asked for; cancelled at $3.
UPDATE jobs
SET state = 'cancelled', lease_expires_at = NULL, finished_at = $3, updated_at = $3
WHERE id = $1 AND lease_owner = $2 AND state = 'running'
RETURNING event_id, workflow_run_id, last_error
