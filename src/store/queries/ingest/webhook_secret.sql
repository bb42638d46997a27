-- The newest active secret of a connected repository.
SELECT webhook_secret FROM installations
WHERE repo_full_name = $1 AND is_active = 1 AND webhook_secret IS NOT NULL
ORDER BY updated_at DESC
LIMIT 1
