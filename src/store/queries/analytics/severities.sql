-- Analytics: the comments of the posted reviews of analytics/days.sql's scope (user $1,
-- repository $2, created since $3), by severity.
SELECT c.severity, COUNT(*) AS comments
FROM review_comments AS c
JOIN reviews AS r ON r.id = c.review_id
WHERE r.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                           WHERE u.user_id = $1)
  AND ($2 = '' OR r.repo_full_name = $2)
  AND r.created_at >= $3
  AND r.status = 'posted'
GROUP BY c.severity
