-- Claims the next job for worker $1 at $2 (now), leasing it until $3, among the kinds listed
-- in $4 (comma-separated; empty: any kind). Jobs of kind $5 (reviews) also wait while their
-- repository already runs as many of them as its connection allows
-- (installations.max_concurrent_reviews; jobs/count_running_in_repository.sql re-checks after
-- the claim, against racing claimers). SQLite has one writer,
-- and the caller runs this inside BEGIN IMMEDIATE, so no other claim can interleave.
-- Claimable: queued and due, or running with an expired lease (its worker was lost) and
-- attempts left. A job waits while another job with its concurrency key is running; the
-- unique index jobs_running_concurrency_key backs that up against racing claims.
UPDATE jobs
SET state = 'running',
    attempts = attempts + 1,
    lease_owner = $1,
    lease_expires_at = $3,
    updated_at = $2
WHERE id = (
    SELECT candidate.id
    FROM jobs AS candidate
    WHERE ((candidate.state = 'queued' AND candidate.run_at <= $2)
           OR (candidate.state = 'running' AND candidate.lease_expires_at <= $2
               AND candidate.cancel_requested = 0
               AND candidate.attempts < candidate.max_attempts))
      AND ($4 = '' OR instr(',' || $4 || ',', ',' || candidate.kind || ',') > 0)
      AND (candidate.concurrency_key = ''
           OR NOT EXISTS (SELECT 1
                          FROM jobs AS sibling
                          WHERE sibling.concurrency_key = candidate.concurrency_key
                            AND sibling.concurrency_key <> ''
                            AND sibling.state = 'running'
                            AND sibling.id <> candidate.id))
      AND (candidate.kind <> $5 OR candidate.repo_full_name IS NULL
           OR NOT EXISTS (SELECT 1
                          FROM installations AS connection
                          WHERE connection.repo_full_name = candidate.repo_full_name
                            AND connection.is_active = 1
                            AND connection.max_concurrent_reviews <=
                                (SELECT COUNT(*)
                                 FROM jobs AS busy
                                 WHERE busy.repo_full_name = candidate.repo_full_name
                                   AND busy.kind = $5
                                   AND busy.state = 'running'
                                   AND busy.id <> candidate.id)))
    ORDER BY candidate.priority DESC, candidate.run_at, candidate.id
    LIMIT 1)
RETURNING id, kind, payload, priority, state, run_at, attempts, max_attempts, lease_owner,
          lease_expires_at, last_error, event_id, repo_full_name, pr_number, head_sha,
          coalesce_key, concurrency_key, cancel_requested, workflow_run_id, created_at,
          updated_at, finished_at
