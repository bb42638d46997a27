-- Installation $1 as last recorded.
SELECT installation_id, account_login, account_type, repository_selection, status,
       last_event_id, created_at, updated_at
FROM app_installations
WHERE installation_id = $1
