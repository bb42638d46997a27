-- Writes the files of repository $1 listed in $2, a JSON array of
-- [path, language, size_bytes, line_count, content_sha] arrays, at $3. Returns each file's id
-- with its path. PostgreSQL twin: jsonb_array_elements.
INSERT INTO files (repository_id, path, language, size_bytes, line_count, content_sha, updated_at)
SELECT $1, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, $3
FROM json_each($2) AS j
WHERE true  -- SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT
ON CONFLICT (repository_id, path) DO UPDATE
SET language = excluded.language,
    size_bytes = excluded.size_bytes,
    line_count = excluded.line_count,
    content_sha = excluded.content_sha,
    updated_at = excluded.updated_at
RETURNING id, path
