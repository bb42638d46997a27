-- Review activity of repository $3 for the MCP session of user $1 (every repository when $2 is
-- 1): all runs, runs since $4 and since $5, pull requests, failed runs, the last run's time.
SELECT COUNT(*) AS reviews_total,
       COUNT(*) FILTER (WHERE r.created_at >= $4) AS reviews_recent_short,
       COUNT(*) FILTER (WHERE r.created_at >= $5) AS reviews_recent_long,
       COUNT(DISTINCT r.pr_number) AS pull_requests,
       COUNT(*) FILTER (WHERE r.status = 'failed') AS failed,
       MAX(r.created_at) AS last_review_at
FROM reviews AS r
WHERE r.repo_full_name = $3
  AND ($2 = 1 OR r.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                                      WHERE u.user_id = $1))
