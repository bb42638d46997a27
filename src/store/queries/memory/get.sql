-- Memory $1, whatever its repository: the memory module's own reads (the REST API goes
-- through get_for_user).
SELECT m.id, m.repo_full_name, m.scope, m.developer_login, m.type, m.content, m.source,
       m.source_review_id, m.source_ref, m.confidence, m.hits, m.created_at, m.updated_at,
       m.last_used_at, m.created_by_user_id
FROM memories AS m
WHERE m.id = $1
