-- Marks job $1, leased by worker $2, as succeeded at $3. No row: the lease was lost.
UPDATE jobs
SET state = 'succeeded', lease_expires_at = NULL, finished_at = $3, updated_at = $3
WHERE id = $1 AND lease_owner = $2 AND state = 'running'
RETURNING event_id, workflow_run_id
