-- The posting record of ($1 repo, $2 PR, $3 head SHA), if any.
SELECT state, github_review_id, job_id
FROM review_intents
WHERE repo_full_name = $1 AND pr_number = $2 AND head_sha = $3
