-- Repository $1's memories that match the tsquery $2, most relevant first (ts_rank), at
-- most $5: those of every scope when $3 = '', else the repository's and developer $3's; of
-- type $4 ('' = any). Twin of search.sqlite.sql.
SELECT m.id, m.repo_full_name, m.scope, m.developer_login, m.type, m.content, m.source,
       m.source_review_id, m.source_ref, m.confidence, m.hits, m.created_at, m.updated_at,
       m.last_used_at, m.created_by_user_id,
       ts_rank(m.search_vector, q.query) AS relevance
FROM memories AS m, to_tsquery('simple', $2) AS q (query)
WHERE m.search_vector @@ q.query
  AND m.repo_full_name = $1
  AND ($3 = '' OR m.scope = 'repository' OR m.developer_login = $3)
  AND ($4 = '' OR m.type = $4)
ORDER BY relevance DESC, m.id DESC
LIMIT $5
