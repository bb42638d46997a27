-- Nectr's verdicts on pull requests of repository $1 given from $2 to before $3, counted per
-- verdict and per week since $2 (week 0 starts at $2).
SELECT t.week, t.verdict, COUNT(*) AS count
FROM (
    SELECT (p.verdict_at - $2) / 604800000 AS week, p.verdict
    FROM pull_requests AS p
    WHERE p.repository_id = $1 AND p.verdict_at >= $2 AND p.verdict_at < $3
      AND p.verdict IS NOT NULL
) AS t
GROUP BY t.week, t.verdict
