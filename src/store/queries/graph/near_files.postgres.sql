-- The files of repository $1 next to the files at the paths of JSON array $2: those they
-- import, those that import them (the code index's IMPORTS edges), and the files at the paths
-- of JSON array $3 (the caller's co-changed files). PostgreSQL twin of near_files.sqlite.sql.
WITH wanted AS (SELECT json_array_elements_text(CAST($2 AS json)) AS path),
changed AS (
    SELECT id FROM files WHERE repository_id = $1 AND path IN (SELECT path FROM wanted)
)
SELECT i.target_file_id AS id
FROM file_imports AS i
JOIN changed AS c ON c.id = i.file_id
WHERE i.target_file_id IS NOT NULL
UNION
SELECT i.file_id AS id
FROM file_imports AS i
JOIN changed AS c ON c.id = i.target_file_id
UNION
SELECT f.id
FROM files AS f
WHERE f.repository_id = $1 AND f.path IN (SELECT json_array_elements_text(CAST($3 AS json)))
