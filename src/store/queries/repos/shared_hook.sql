-- The hook of repository $1 that another user than $2 connected and still uses: a second user
-- shares it (and its secret) instead of adding a second hook with the same URL.
SELECT id, user_id, repo_full_name, github_repo_id, webhook_id, webhook_secret, is_active,
       installed_at, updated_at, max_concurrent_reviews
FROM installations
WHERE repo_full_name = $1 AND user_id <> $2 AND is_active = 1
  AND webhook_id IS NOT NULL AND webhook_secret IS NOT NULL
ORDER BY updated_at DESC
LIMIT 1
