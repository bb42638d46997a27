-- A page of the review list of user $1 (GET /api/v1/reviews): only reviews of the
-- repositories the user reaches (user_repositories), newest first; repository $2, status $3,
-- verdict $4 and pull request author $5 ('' = any), ids below $6, at most $7 rows; each with
-- its comment counts, total, posted inline and by severity.
WITH page AS (
    SELECT r.id, r.repo_full_name, r.pr_number, r.pr_title, r.pr_author, r.head_sha, r.status,
           r.verdict, r.summary, r.model, r.input_tokens, r.output_tokens, r.cost_usd,
           r.duration_ms, r.created_at, r.completed_at
    FROM reviews AS r
    WHERE r.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                               WHERE u.user_id = $1)
      AND ($2 = '' OR r.repo_full_name = $2)
      AND ($3 = '' OR r.status = $3)
      AND ($4 = '' OR r.verdict = $4)
      AND ($5 = '' OR r.pr_author = $5)
      AND r.id < $6
    ORDER BY r.id DESC
    LIMIT $7
)
SELECT p.id, p.repo_full_name, p.pr_number, p.pr_title, p.pr_author, p.head_sha, p.status,
       p.verdict, p.summary, p.model, p.input_tokens, p.output_tokens, p.cost_usd,
       p.duration_ms, p.created_at, p.completed_at,
       COALESCE(k.total, 0) AS comments_total,
       COALESCE(k.posted_inline, 0) AS comments_posted_inline,
       COALESCE(k.critical, 0) AS comments_critical,
       COALESCE(k.high, 0) AS comments_high,
       COALESCE(k.medium, 0) AS comments_medium,
       COALESCE(k.low, 0) AS comments_low,
       COALESCE(k.info, 0) AS comments_info
FROM page AS p
LEFT JOIN (
    SELECT c.review_id,
           COUNT(*) AS total,
           COUNT(*) FILTER (WHERE c.posted_inline = 1) AS posted_inline,
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
