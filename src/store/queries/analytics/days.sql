-- Analytics (GET /api/v1/analytics) of the reviews of the repositories user $1 reaches
-- (user_repositories), or of repository $2 alone ('' = all), created at or after $3, by UTC
-- day (days since the Unix epoch): runs, posted ones, tokens, and the cost in millionths of
-- a dollar, rounded per review and summed as integers so that both engines give one total.
SELECT r.created_at / 86400000 AS day,
       COUNT(*) AS reviews,
       COUNT(*) FILTER (WHERE r.status = 'posted') AS posted,
       SUM(r.input_tokens) AS input_tokens,
       SUM(r.output_tokens) AS output_tokens,
       SUM(CAST(ROUND(r.cost_usd * 1000000) AS BIGINT)) AS cost_micros
FROM reviews AS r
WHERE r.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                           WHERE u.user_id = $1)
  AND ($2 = '' OR r.repo_full_name = $2)
  AND r.created_at >= $3
GROUP BY r.created_at / 86400000
