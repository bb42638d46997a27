-- The latest posted review of ($1 repo, $2 PR): the base of an incremental review.
SELECT id, head_sha
FROM reviews
WHERE repo_full_name = $1 AND pr_number = $2 AND status = 'posted'
ORDER BY id DESC
LIMIT 1
