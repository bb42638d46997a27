-- Installation $1 was uninstalled by event $2 at $3: every repository it still covered is
-- removed, except rows a newer event wrote.
UPDATE app_installation_repositories
SET removed_at = $3, last_event_id = $2, updated_at = $3
WHERE installation_id = $1 AND removed_at IS NULL AND last_event_id <= $2
