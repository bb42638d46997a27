-- Installation $1 no longer covers repository $2 (full name $3) as of event $4, at $5. A
-- repository never seen before is recorded as removed, with no added_at. A change from an
-- event older than the row's last one is ignored.
INSERT INTO app_installation_repositories (installation_id, repository_id, repository_full_name,
                                           added_at, removed_at, last_event_id, updated_at)
VALUES ($1, $2, $3, NULL, $5, $4, $5)
ON CONFLICT (installation_id, repository_id) DO UPDATE
SET repository_full_name = excluded.repository_full_name,
    removed_at = COALESCE(app_installation_repositories.removed_at, excluded.removed_at),
    last_event_id = excluded.last_event_id,
    updated_at = excluded.updated_at
WHERE app_installation_repositories.last_event_id <= excluded.last_event_id
