-- The comments by severity of repository $3's posted reviews created since $4, for the MCP
-- session of user $1 (every repository when $2 is 1).
SELECT c.severity, COUNT(*) AS comments
FROM review_comments AS c
JOIN reviews AS r ON r.id = c.review_id
WHERE r.repo_full_name = $3
  AND ($2 = 1 OR r.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                                      WHERE u.user_id = $1))
  AND r.created_at >= $4
  AND r.status = 'posted'
GROUP BY c.severity
