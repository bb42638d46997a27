-- Notes the GitHub review id $4 of an unfinished posting of ($1, $2, $3) at $5, so that a
-- retry finishes that review instead of creating another.
UPDATE review_intents
SET github_review_id = $4, updated_at = $5
WHERE repo_full_name = $1 AND pr_number = $2 AND head_sha = $3 AND state = 'posting'
