-- Whether a queued or running job older than $2 has the coalesce key $1: most enqueues find
-- none (the first job for a pull request, or one whose last job ended), and then skip the two
-- supersede updates, whose RETURNING clauses each cost SQLite a temporary table.
-- coalesce_key <> '' matches the partial index jobs_coalesce_key_idx (see supersede_queued).
SELECT 1 FROM jobs
WHERE coalesce_key = $1 AND coalesce_key <> '' AND id < $2 AND state IN ('queued', 'running')
LIMIT 1
