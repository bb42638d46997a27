-- For each path of JSON array $2 in repository $1: the other files changed in the same
-- commits (shared), and how many commits changed the path (given_commits). Commits of more
-- than $3 files are left out (vendoring, mass renames say nothing about coupling), and so are
-- the given paths themselves. SQLite twin of co_changed_files.postgres.sql.
WITH wanted AS (SELECT value AS path FROM json_each($2)),
given AS (
    SELECT cf.commit_id, cf.path
    FROM commit_files AS cf
    JOIN commits AS c ON c.id = cf.commit_id
    WHERE cf.repository_id = $1 AND cf.path IN (SELECT path FROM wanted) AND c.file_count <= $3
),
totals AS (
    SELECT path, COUNT(*) AS commits FROM given GROUP BY path
)
SELECT g.path AS given_path, o.path, COUNT(*) AS shared, t.commits AS given_commits
FROM given AS g
JOIN commit_files AS o ON o.commit_id = g.commit_id
JOIN totals AS t ON t.path = g.path
WHERE o.path NOT IN (SELECT path FROM wanted)
GROUP BY g.path, o.path, t.commits
