-- Writes the files of repository $1 listed in $2, a JSON array of
-- {"p": path, "l": language, "s": size_bytes, "n": line_count, "h": content_sha}, at $3.
-- Returns each file's id with its path. SQLite twin: json_each.
INSERT INTO files (repository_id, path, language, size_bytes, line_count, content_sha, updated_at)
SELECT $1::bigint, x.p, x.l, x.s, x.n, x.h, $3::bigint
FROM jsonb_to_recordset($2::jsonb) AS x (p text, l text, s bigint, n bigint, h text)
ON CONFLICT (repository_id, path) DO UPDATE
SET language = excluded.language,
    size_bytes = excluded.size_bytes,
    line_count = excluded.line_count,
    content_sha = excluded.content_sha,
    updated_at = excluded.updated_at
RETURNING id, path
