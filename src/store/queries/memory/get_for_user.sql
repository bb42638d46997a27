-- Memory $2 when user $1 reaches its repository (user_repositories); no row otherwise, so
-- that a memory of someone else's repository looks like one that does not exist.
SELECT m.id, m.repo_full_name, m.scope, m.developer_login, m.type, m.content, m.source,
       m.source_review_id, m.source_ref, m.confidence, m.hits, m.created_at, m.updated_at,
       m.last_used_at, m.created_by_user_id
FROM memories AS m
WHERE m.id = $2
  AND m.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                           WHERE u.user_id = $1)
