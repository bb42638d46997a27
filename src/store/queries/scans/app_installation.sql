-- The active GitHub App installation that covers repository $1 now (newest first), whose
-- token a scan uses when the App is configured.
SELECT r.installation_id
FROM app_installation_repositories r
JOIN app_installations a ON a.installation_id = r.installation_id AND a.status = 'active'
WHERE lower(r.repository_full_name) = lower($1) AND r.removed_at IS NULL
ORDER BY r.updated_at DESC
LIMIT 1
