-- Installation $1 covers repository $2 (full name $3) as of event $4, at $5. A repository
-- covered again after a removal gets a new added_at; one still covered keeps its own. A
-- change from an event older than the row's last one is ignored.
INSERT INTO app_installation_repositories (installation_id, repository_id, repository_full_name,
                                           added_at, removed_at, last_event_id, updated_at)
VALUES ($1, $2, $3, $5, NULL, $4, $5)
ON CONFLICT (installation_id, repository_id) DO UPDATE
SET repository_full_name = excluded.repository_full_name,
    added_at = CASE WHEN app_installation_repositories.removed_at IS NULL
                         AND app_installation_repositories.added_at IS NOT NULL
                    THEN app_installation_repositories.added_at
                    ELSE excluded.added_at END,
    removed_at = NULL,
    last_event_id = excluded.last_event_id,
    updated_at = excluded.updated_at
WHERE app_installation_repositories.last_event_id <= excluded.last_event_id
