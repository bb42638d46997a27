-- Writes the files of repository $1 listed in $2, a JSON array of
-- [path, language, size_bytes, line_count, content_sha] arrays, at $3. Returns each file's id
-- with its path. SQLite twin: json_each.
INSERT INTO files (repository_id, path, language, size_bytes, line_count, content_sha, updated_at)
SELECT $1::bigint, x ->> 0, x ->> 1, (x ->> 2)::bigint, (x ->> 3)::bigint, x ->> 4, $3::bigint
FROM jsonb_array_elements($2::jsonb) AS x
ON CONFLICT (repository_id, path) DO UPDATE
SET language = excluded.language,
    size_bytes = excluded.size_bytes,
    line_count = excluded.line_count,
    content_sha = excluded.content_sha,
    updated_at = excluded.updated_at
RETURNING id, path
