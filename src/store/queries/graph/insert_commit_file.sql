-- Commit $1 of repository $2 changed path $3: $4 lines added, $5 deleted.
INSERT INTO commit_files (commit_id, repository_id, path, additions, deletions)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (commit_id, path) DO NOTHING
