-- Asks the worker running job $1 to stop (note $2, at $3); it sees the flag at its next
-- heartbeat.
UPDATE jobs
SET cancel_requested = 1, last_error = $2, updated_at = $3
WHERE id = $1 AND state = 'running'
