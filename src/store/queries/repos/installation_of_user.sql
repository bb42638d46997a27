-- The installation of repository $2 by user $1, active or not. Names compare without case, as
-- GitHub's do, so that a path typed as "Octocat/hello-world" finds "octocat/Hello-World".
SELECT id, user_id, repo_full_name, github_repo_id, webhook_id, webhook_secret, is_active,
       installed_at, updated_at, max_concurrent_reviews
FROM installations
WHERE user_id = $1 AND lower(repo_full_name) = lower(CAST($2 AS TEXT))
ORDER BY is_active DESC, updated_at DESC
LIMIT 1
