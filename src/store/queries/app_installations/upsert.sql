-- Records installation $1 as event $6 saw it, at $7: account $2 of type $3, repository
-- selection $4, status $5. An empty value keeps what is stored (a new row starts 'active').
-- A change from an event older than the row's last one is ignored: no row comes back.
INSERT INTO app_installations (installation_id, account_login, account_type,
                               repository_selection, status, last_event_id, created_at,
                               updated_at)
VALUES ($1, $2, $3, $4, CASE WHEN $5 = '' THEN 'active' ELSE $5 END, $6, $7, $7)
ON CONFLICT (installation_id) DO UPDATE
SET account_login = CASE WHEN excluded.account_login = '' THEN app_installations.account_login
                         ELSE excluded.account_login END,
    account_type = CASE WHEN excluded.account_type = '' THEN app_installations.account_type
                        ELSE excluded.account_type END,
    repository_selection = CASE WHEN excluded.repository_selection = ''
                                THEN app_installations.repository_selection
                                ELSE excluded.repository_selection END,
    status = CASE WHEN $5 = '' THEN app_installations.status ELSE excluded.status END,
    last_event_id = excluded.last_event_id,
    updated_at = excluded.updated_at
WHERE app_installations.last_event_id <= excluded.last_event_id
RETURNING status
