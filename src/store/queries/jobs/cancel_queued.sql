-- Cancels job $1 if it is still waiting: note $2, at $3.
UPDATE jobs
SET state = 'cancelled', last_error = $2, finished_at = $3, updated_at = $3
WHERE id = $1 AND state = 'queued'
RETURNING event_id
