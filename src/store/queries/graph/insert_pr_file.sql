-- Pull request $1 of repository $2 touches path $3 (renamed from $4): $5 lines added, $6
-- deleted, GitHub's file status $7.
INSERT INTO pr_files (pull_request_id, repository_id, path, previous_path, additions, deletions,
                      change_kind)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (pull_request_id, path) DO NOTHING
