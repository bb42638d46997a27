-- The repositories installation $1 covers or covered, covered ones first, then by name.
SELECT repository_id, repository_full_name, added_at, removed_at, last_event_id
FROM app_installation_repositories
WHERE installation_id = $1
ORDER BY CASE WHEN removed_at IS NULL THEN 0 ELSE 1 END, repository_full_name
