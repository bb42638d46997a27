-- One job by id ($1).
SELECT id, kind, payload, priority, state, run_at, attempts, max_attempts, lease_owner,
          lease_expires_at, last_error, event_id, repo_full_name, pr_number, head_sha,
          coalesce_key, concurrency_key, cancel_requested, workflow_run_id, created_at,
          updated_at, finished_at
FROM jobs
WHERE id = $1
