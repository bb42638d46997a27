-- A scan of repository $1 was queued at $2 (milliseconds). A scan under way stays shown as
-- running: the queued one follows it.
INSERT INTO repository_scans (repo_full_name, state, kind, queued_at, updated_at)
VALUES ($1, 'queued', 'scan', $2, $2)
ON CONFLICT (repo_full_name) DO UPDATE SET
    state = CASE WHEN repository_scans.state = 'running' THEN 'running' ELSE 'queued' END,
    queued_at = $2,
    updated_at = $2
