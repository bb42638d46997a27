-- Repository $1's history is imported up to commit $2, at time $3.
INSERT INTO git_history_imports (repository_id, head_sha, imported_at)
VALUES ($1, $2, $3)
ON CONFLICT (repository_id) DO UPDATE SET
    head_sha = excluded.head_sha,
    imported_at = excluded.imported_at
