-- Jobs for `nectr jobs`, newest first: state $1 and kind $2 ('' = any), page $3 / offset $4.
SELECT id, kind, payload, priority, state, run_at, attempts, max_attempts, lease_owner,
          lease_expires_at, last_error, event_id, repo_full_name, pr_number, head_sha,
          coalesce_key, concurrency_key, cancel_requested, workflow_run_id, created_at,
          updated_at, finished_at
FROM jobs
WHERE ($1 = '' OR state = $1) AND ($2 = '' OR kind = $2)
ORDER BY id DESC
LIMIT $3 OFFSET $4
