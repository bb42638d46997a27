-- A scan or push update ($2: 'scan' or 'push') of repository $1 started at $3.
INSERT INTO repository_scans (repo_full_name, state, kind, started_at, updated_at)
VALUES ($1, 'running', $2, $3, $3)
ON CONFLICT (repo_full_name) DO UPDATE SET
    state = 'running',
    kind = $2,
    started_at = $3,
    error = NULL,
    updated_at = $3
