-- Connects repository $2 for user $1 (again): hook $4 with sealed secret $5, at $6. A
-- reconnection keeps the row, and with it max_concurrent_reviews.
INSERT INTO installations (user_id, repo_full_name, github_repo_id, webhook_id, webhook_secret,
                           is_active, installed_at, updated_at)
VALUES ($1, $2, $3, $4, $5, 1, $6, $6)
ON CONFLICT (repo_full_name, user_id) DO UPDATE
SET github_repo_id = excluded.github_repo_id,
    webhook_id = excluded.webhook_id,
    webhook_secret = excluded.webhook_secret,
    is_active = 1,
    installed_at = excluded.installed_at,
    updated_at = excluded.updated_at
RETURNING id, user_id, repo_full_name, github_repo_id, webhook_id, webhook_secret, is_active,
          installed_at, updated_at, max_concurrent_reviews
