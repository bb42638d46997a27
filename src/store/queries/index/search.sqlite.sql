-- Chunks of repository $1 that match the FTS5 expression $2, best first by bm25() over content
-- and search_text, at most $3. score: higher is better. PostgreSQL twin: ts_rank_cd.
-- The inner query ranks row ids only; content is read for the $3 chunks kept, not for every
-- match (a common word matches thousands).
SELECT c.id, c.file_id, f.path, c.start_line, c.end_line, s.name AS symbol, c.content,
       ranked.score
FROM (
    SELECT chunks_fts.rowid AS id, -bm25(chunks_fts) AS score
    FROM chunks_fts
    JOIN chunks m ON m.id = chunks_fts.rowid
    JOIN files mf ON mf.id = m.file_id
    WHERE chunks_fts MATCH $2 AND mf.repository_id = $1
    ORDER BY score DESC, chunks_fts.rowid
    LIMIT $3
) AS ranked
JOIN chunks c ON c.id = ranked.id
JOIN files f ON f.id = c.file_id
LEFT JOIN symbols s ON s.id = c.symbol_id
ORDER BY ranked.score DESC, c.id
