-- Cancels the jobs of repository $1 still waiting (a purge: nothing may re-create what it
-- removed), noting $2, at $3. Returns how many.
UPDATE jobs
SET state = 'cancelled', last_error = $2, finished_at = $3, updated_at = $3
WHERE repo_full_name = $1 AND state = 'queued'
RETURNING id
