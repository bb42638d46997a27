-- The changes to the paths of JSON array $2 in repository $1, one row per file changed: who,
-- which path, when, how many lines. Commits of the imported history, plus pull requests that
-- history cannot hold yet: open ones, and merged ones while no history is imported. The
-- weighting is done by the caller (graph/experts.cpp). PostgreSQL twin of experts.sqlite.sql.
WITH wanted AS (SELECT json_array_elements_text(CAST($2 AS json)) AS path)
SELECT d.login, d.name, d.is_github, cf.path, c.authored_at AS changed_at,
       cf.additions + cf.deletions AS lines
FROM commit_files AS cf
JOIN commits AS c ON c.id = cf.commit_id
JOIN developers AS d ON d.id = c.developer_id
WHERE cf.repository_id = $1 AND cf.path IN (SELECT path FROM wanted)
UNION ALL
SELECT d.login, d.name, d.is_github, pf.path, COALESCE(p.merged_at, p.updated_at) AS changed_at,
       pf.additions + pf.deletions AS lines
FROM pr_files AS pf
JOIN pull_requests AS p ON p.id = pf.pull_request_id
JOIN developers AS d ON d.login = p.author_login
WHERE pf.repository_id = $1 AND pf.path IN (SELECT path FROM wanted)
  AND (p.state = 'open'
       OR (p.state = 'merged'
           AND NOT EXISTS (SELECT 1 FROM commits AS h WHERE h.repository_id = $1)))
