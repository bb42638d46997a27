-- The files of repository $1 changed since $2: per path, the changes (one per commit), churn
-- (lines added plus deleted), distinct authors and the latest change. Commits of the imported
-- history; merged pull requests stand in while no history is imported.
WITH changes AS (
    SELECT cf.path, c.developer_id AS who, c.authored_at AS at, cf.additions + cf.deletions AS lines
    FROM commits AS c
    JOIN commit_files AS cf ON cf.commit_id = c.id
    WHERE c.repository_id = $1 AND c.authored_at >= $2
    UNION ALL
    SELECT pf.path, d.id AS who, p.merged_at AS at, pf.additions + pf.deletions AS lines
    FROM pull_requests AS p
    JOIN pr_files AS pf ON pf.pull_request_id = p.id
    LEFT JOIN developers AS d ON d.login = p.author_login
    WHERE p.repository_id = $1 AND p.state = 'merged' AND p.merged_at >= $2
      AND NOT EXISTS (SELECT 1 FROM commits AS h WHERE h.repository_id = $1)
)
SELECT path, COUNT(*) AS changes, CAST(SUM(lines) AS BIGINT) AS churn,
       COUNT(DISTINCT who) AS authors, MAX(at) AS last_changed_at
FROM changes
GROUP BY path
