-- The newest reviews of repository $3, at most $4, for the MCP session of user $1 (every
-- repository when $2 is 1): scoped here too, not only by the caller's check before.
WITH page AS (
    SELECT r.id, r.pr_number, r.pr_title, r.pr_author, r.head_sha, r.status, r.verdict,
           r.summary, r.created_at, r.completed_at
    FROM reviews AS r
    WHERE r.repo_full_name = $3
      AND ($2 = 1 OR r.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                                          WHERE u.user_id = $1))
    ORDER BY r.id DESC
    LIMIT $4
)
SELECT p.id, p.pr_number, p.pr_title, p.pr_author, p.head_sha, p.status, p.verdict, p.summary,
       p.created_at, p.completed_at,
       COALESCE(k.total, 0) AS comments_total,
       COALESCE(k.critical, 0) AS comments_critical,
       COALESCE(k.high, 0) AS comments_high,
       COALESCE(k.medium, 0) AS comments_medium,
       COALESCE(k.low, 0) AS comments_low,
       COALESCE(k.info, 0) AS comments_info
FROM page AS p
LEFT JOIN (
    SELECT c.review_id,
           COUNT(*) AS total,
           COUNT(*) FILTER (WHERE c.severity = 'critical') AS critical,
           COUNT(*) FILTER (WHERE c.severity = 'high') AS high,
           COUNT(*) FILTER (WHERE c.severity = 'medium') AS medium,
           COUNT(*) FILTER (WHERE c.severity = 'low') AS low,
           COUNT(*) FILTER (WHERE c.severity = 'info') AS info
    FROM review_comments AS c
    WHERE c.review_id IN (SELECT page.id FROM page)
    GROUP BY c.review_id
) AS k ON k.review_id = p.id
ORDER BY p.id DESC
