-- Disconnects installation $1 at $2: no longer active, and its secret is forgotten.
UPDATE installations
SET is_active = 0, webhook_secret = NULL, updated_at = $2
WHERE id = $1
