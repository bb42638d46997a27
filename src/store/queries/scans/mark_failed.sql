-- The scan of repository $1 failed at $3 with error $2. What the index held stays recorded.
INSERT INTO repository_scans (repo_full_name, state, error, finished_at, updated_at)
VALUES ($1, 'failed', $2, $3, $3)
ON CONFLICT (repo_full_name) DO UPDATE SET
    state = 'failed',
    error = $2,
    finished_at = $3,
    updated_at = $3
