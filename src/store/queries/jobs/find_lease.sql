-- The attempt counters of job $1 while worker $2 holds its lease. No row: the lease was lost.
SELECT attempts, max_attempts, cancel_requested
FROM jobs
WHERE id = $1 AND lease_owner = $2 AND state = 'running'
