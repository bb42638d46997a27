-- The review runs of pull request $4 of repository $3, newest first (at most 20), for the MCP
-- session of user $1 (every repository when $2 is 1).
SELECT r.id, r.head_sha, r.status, r.verdict, r.summary, r.pr_title, r.pr_author,
       r.review_event, r.model, r.error, r.created_at, r.completed_at
FROM reviews AS r
WHERE r.repo_full_name = $3
  AND r.pr_number = $4
  AND ($2 = 1 OR r.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                                      WHERE u.user_id = $1))
ORDER BY r.id DESC
LIMIT 20
