-- Repository $1's memories of type $2, most trusted first (confidence, then use, then
-- newest), at most $3.
SELECT m.id, m.repo_full_name, m.scope, m.developer_login, m.type, m.content, m.source,
       m.source_review_id, m.source_ref, m.confidence, m.hits, m.created_at, m.updated_at,
       m.last_used_at, m.created_by_user_id
FROM memories AS m
WHERE m.repo_full_name = $1
  AND m.type = $2
ORDER BY m.confidence DESC, m.hits DESC, m.id DESC
LIMIT $3
