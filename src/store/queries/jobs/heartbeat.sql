-- Extends the lease of job $1 held by worker $2 until $3 ($4 now). No row: the lease was lost.
UPDATE jobs
SET lease_expires_at = $3, updated_at = $4
WHERE id = $1 AND lease_owner = $2 AND state = 'running'
RETURNING cancel_requested
