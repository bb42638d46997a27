-- Memories of repository $1, scope $3, developer $4 ('' for none) and type $5 that share
-- words with the tsquery $2, best first, at most $6: candidates for deduplication, which
-- the caller compares word by word. Twin of similar.sqlite.sql.
SELECT m.id, m.repo_full_name, m.scope, m.developer_login, m.type, m.content, m.source,
       m.source_review_id, m.source_ref, m.confidence, m.hits, m.created_at, m.updated_at,
       m.last_used_at, m.created_by_user_id,
       ts_rank(m.search_vector, q.query) AS relevance
FROM memories AS m, to_tsquery('simple', $2) AS q (query)
WHERE m.search_vector @@ q.query
  AND m.repo_full_name = $1
  AND m.scope = $3
  AND COALESCE(m.developer_login, '') = $4
  AND m.type = $5
ORDER BY relevance DESC, m.id
LIMIT $6
