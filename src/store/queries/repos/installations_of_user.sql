-- Every installation of user $1, active or not, for the repository list.
SELECT id, user_id, repo_full_name, github_repo_id, webhook_id, webhook_secret, is_active,
       installed_at, updated_at, max_concurrent_reviews
FROM installations
WHERE user_id = $1
ORDER BY repo_full_name
