-- Chunks of repository $1 that match the FTS5 expression $2, best first by bm25() over content
-- and search_text, at most $3. score: higher is better. PostgreSQL twin: ts_rank_cd.
SELECT c.id, c.file_id, f.path, c.start_line, c.end_line, s.name AS symbol, c.content,
       -bm25(chunks_fts) AS score
FROM chunks_fts
JOIN chunks c ON c.id = chunks_fts.rowid
JOIN files f ON f.id = c.file_id
LEFT JOIN symbols s ON s.id = c.symbol_id
WHERE chunks_fts MATCH $2 AND f.repository_id = $1
ORDER BY bm25(chunks_fts), c.id
LIMIT $3
