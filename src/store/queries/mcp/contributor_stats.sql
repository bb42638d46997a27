-- Per pull request author of repository $3, the posted reviews created since $4: pull
-- requests, reviews and verdicts, for the MCP session of user $1 (every repository when $2
-- is 1). Ranked in code, alike on both engines.
SELECT r.pr_author,
       COUNT(DISTINCT r.pr_number) AS pull_requests,
       COUNT(*) AS reviews,
       COUNT(*) FILTER (WHERE r.verdict = 'APPROVE') AS approved,
       COUNT(*) FILTER (WHERE r.verdict = 'REQUEST_CHANGES') AS changes_requested,
       COUNT(*) FILTER (WHERE r.verdict = 'NEEDS_DISCUSSION') AS needs_discussion,
       MAX(r.created_at) AS last_review_at
FROM reviews AS r
WHERE r.repo_full_name = $3
  AND ($2 = 1 OR r.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                                      WHERE u.user_id = $1))
  AND r.created_at >= $4
  AND r.status = 'posted'
  AND r.pr_author IS NOT NULL
GROUP BY r.pr_author
