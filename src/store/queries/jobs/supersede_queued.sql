-- Coalescing: cancels the queued jobs that a newer job ($2) with the same key ($1) replaces.
-- $3 is the note ("superseded by job N"), $4 now.
UPDATE jobs
SET state = 'cancelled', last_error = $3, finished_at = $4, updated_at = $4
-- The coalesce_key <> '' term lets the planner use the partial index jobs_coalesce_key_idx;
-- without it every enqueue scanned all queued jobs (ingest slowed as the backlog grew).
WHERE coalesce_key = $1 AND coalesce_key <> '' AND id < $2 AND state = 'queued'
RETURNING id, event_id
