-- Hook $2 of repository $1 was given a new secret ($3, sealed): every active installation that
-- receives through it takes the new one, at $4, or ingest would check deliveries against a
-- secret GitHub no longer signs with.
UPDATE installations
SET webhook_secret = $3, updated_at = $4
WHERE repo_full_name = $1 AND webhook_id = $2 AND is_active = 1
