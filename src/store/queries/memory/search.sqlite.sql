-- Repository $1's memories that match the FTS5 query $2, most relevant first (bm25, made
-- positive), at most $5: those of every scope when $3 = '', else the repository's and
-- developer $3's; of type $4 ('' = any). Twin of search.postgres.sql.
SELECT m.id, m.repo_full_name, m.scope, m.developer_login, m.type, m.content, m.source,
       m.source_review_id, m.source_ref, m.confidence, m.hits, m.created_at, m.updated_at,
       m.last_used_at, m.created_by_user_id,
       -bm25(memories_fts) AS relevance
FROM memories_fts
JOIN memories AS m ON m.id = memories_fts.rowid
WHERE memories_fts MATCH $2
  AND m.repo_full_name = $1
  AND ($3 = '' OR m.scope = 'repository' OR m.developer_login = $3)
  AND ($4 = '' OR m.type = $4)
ORDER BY relevance DESC, m.id DESC
LIMIT $5
