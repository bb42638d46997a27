-- Job $4 takes over an unfinished posting of ($1, $2, $3) at $5.
UPDATE review_intents
SET job_id = $4, updated_at = $5
WHERE repo_full_name = $1 AND pr_number = $2 AND head_sha = $3 AND state = 'posting'
