-- The oldest queued job of kind $1 for repository $2, so that a request for the same work
-- returns it instead of queueing it twice.
SELECT id FROM jobs
WHERE kind = $1 AND repo_full_name = $2 AND state = 'queued'
ORDER BY id
LIMIT 1
