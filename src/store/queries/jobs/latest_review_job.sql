-- The newest review job of a pull request (repository $1, number $2): the one a retry of its
-- failed review runs again.
SELECT id
FROM jobs
WHERE kind = 'review' AND repo_full_name = $1 AND pr_number = $2
ORDER BY id DESC
LIMIT 1
