-- The review of ($1, $2, $3) is on GitHub as review $4 (at $5).
UPDATE review_intents
SET state = 'posted', github_review_id = $4, updated_at = $5
WHERE repo_full_name = $1 AND pr_number = $2 AND head_sha = $3
