-- Pull requests of repository $1 that touched paths of JSON array $2, other than number $3 (0:
-- none left out), with how many of those paths each touched; most overlapping, then most
-- recently updated first, at most $4. SQLite twin of related_pull_requests.postgres.sql.
WITH wanted AS (SELECT value AS path FROM json_each($2))
SELECT p.number, p.title, p.state, p.author_login, p.verdict, p.merged_at, p.updated_at,
       COUNT(*) AS overlap
FROM pr_files AS pf
JOIN pull_requests AS p ON p.id = pf.pull_request_id
WHERE pf.repository_id = $1 AND pf.path IN (SELECT path FROM wanted) AND p.number <> $3
GROUP BY p.id, p.number, p.title, p.state, p.author_login, p.verdict, p.merged_at, p.updated_at
ORDER BY overlap DESC, p.updated_at DESC, p.number DESC
LIMIT $4
