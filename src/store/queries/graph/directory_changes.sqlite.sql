-- Changes per top-level directory ('' for files at the root) and developer in repository $1
-- since $2: commits of the imported history, or merged pull requests while none is imported.
-- SQLite twin of directory_changes.postgres.sql.
WITH changes AS (
    SELECT cf.path, c.developer_id AS who
    FROM commits AS c
    JOIN commit_files AS cf ON cf.commit_id = c.id
    WHERE c.repository_id = $1 AND c.authored_at >= $2
    UNION ALL
    SELECT pf.path, d.id AS who
    FROM pull_requests AS p
    JOIN pr_files AS pf ON pf.pull_request_id = p.id
    JOIN developers AS d ON d.login = p.author_login
    WHERE p.repository_id = $1 AND p.state = 'merged' AND p.merged_at >= $2
      AND NOT EXISTS (SELECT 1 FROM commits AS h WHERE h.repository_id = $1)
)
SELECT t.directory, d.login, COUNT(*) AS changes
FROM (
    SELECT CASE WHEN instr(path, '/') > 0 THEN substr(path, 1, instr(path, '/') - 1)
                ELSE '' END AS directory,
           who
    FROM changes
) AS t
JOIN developers AS d ON d.id = t.who
GROUP BY t.directory, d.login
