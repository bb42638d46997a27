-- Coalescing: asks the running jobs that a newer job ($2) with the same key ($1) replaces to
-- stop; their workers see the flag at the next heartbeat. $3 is the note, $4 now.
UPDATE jobs
SET cancel_requested = 1, last_error = $3, updated_at = $4
-- coalesce_key <> '' matches the partial index jobs_coalesce_key_idx (see supersede_queued).
WHERE coalesce_key = $1 AND coalesce_key <> '' AND id < $2 AND state = 'running'
  AND cancel_requested = 0
RETURNING id
