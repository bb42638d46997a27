-- Closes the workflow run $1 of an attempt: status $2 ('completed' or 'failed'), error $3,
-- at $4. A run already closed stays as it was.
UPDATE workflow_runs
SET status = $2, error = $3, completed_at = $4
WHERE id = $1 AND status = 'running'
