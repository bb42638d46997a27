-- One App installation GitHub lists for the user. $1 user, $2 installation, $3 now (ms).
INSERT INTO user_app_installations (user_id, installation_id, granted_at) VALUES ($1, $2, $3)
ON CONFLICT (user_id, installation_id) DO NOTHING
