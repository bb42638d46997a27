-- One row when user $1 reaches repository $2 (user_repositories), none otherwise.
SELECT 1 AS reachable
FROM user_repositories
WHERE user_id = $1 AND repo_full_name = $2
LIMIT 1
