-- Files of repository $1 that import the files at the paths of JSON array $2, directly
-- (depth 1) or through one another file (depth 2), up to depth $3: each importer with a changed
-- file it reaches and the shortest depth. SQLite twin of blast_radius.postgres.sql.
WITH RECURSIVE wanted AS (SELECT value AS path FROM json_each($2)),
reach (file_id, origin_id, depth) AS (
    SELECT f.id, f.id, 0
    FROM files AS f
    WHERE f.repository_id = $1 AND f.path IN (SELECT path FROM wanted)
    UNION
    SELECT i.file_id, r.origin_id, r.depth + 1
    FROM reach AS r
    JOIN file_imports AS i ON i.target_file_id = r.file_id
    WHERE r.depth < $3
)
SELECT f.path, o.path AS changed_path, MIN(r.depth) AS depth
FROM reach AS r
JOIN files AS f ON f.id = r.file_id
JOIN files AS o ON o.id = r.origin_id
WHERE f.path NOT IN (SELECT path FROM wanted)
GROUP BY f.path, o.path
