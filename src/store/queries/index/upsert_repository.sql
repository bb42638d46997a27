-- The repository named $1, created at $2 when it is new; returns its id either way.
INSERT INTO repositories (full_name, created_at, updated_at)
VALUES ($1, $2, $2)
ON CONFLICT (full_name) DO UPDATE SET updated_at = excluded.updated_at
RETURNING id
