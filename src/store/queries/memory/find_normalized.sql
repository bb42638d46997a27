-- The oldest memory of repository $1, scope $2, developer $3 ('' for none) and type $4
-- whose normalized content is $5: the one a new memory saying the same thing merges into.
SELECT m.id, m.repo_full_name, m.scope, m.developer_login, m.type, m.content, m.source,
       m.source_review_id, m.source_ref, m.confidence, m.hits, m.created_at, m.updated_at,
       m.last_used_at, m.created_by_user_id
FROM memories AS m
WHERE m.repo_full_name = $1
  AND m.scope = $2
  AND COALESCE(m.developer_login, '') = $3
  AND m.type = $4
  AND m.normalized = $5
ORDER BY m.id
LIMIT 1
