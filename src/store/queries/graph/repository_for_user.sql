-- Repository $2 when user $1 reaches it (user_repositories): its name, and its id in the graph
-- (NULL while nothing of it was indexed). No row when it is out of the user's reach.
SELECT u.repo_full_name, r.id
FROM user_repositories AS u
LEFT JOIN repositories AS r ON r.full_name = u.repo_full_name
WHERE u.user_id = $1 AND u.repo_full_name = $2
LIMIT 1
