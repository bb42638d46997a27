-- A page of repository $1's memories, newest first: type $2, scope $3 and developer $4
-- ('' = any), ids below $5, at most $6 rows.
SELECT m.id, m.repo_full_name, m.scope, m.developer_login, m.type, m.content, m.source,
       m.source_review_id, m.source_ref, m.confidence, m.hits, m.created_at, m.updated_at,
       m.last_used_at, m.created_by_user_id
FROM memories AS m
WHERE m.repo_full_name = $1
  AND ($2 = '' OR m.type = $2)
  AND ($3 = '' OR m.scope = $3)
  AND ($4 = '' OR m.developer_login = $4)
  AND m.id < $5
ORDER BY m.id DESC
LIMIT $6
