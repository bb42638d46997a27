-- Chunks of repository $1 that match the tsquery $2 (the 'simple' configuration, as the
-- stored vectors), best first by ts_rank_cd, at most $3. score: higher is better.
SELECT c.id, c.file_id, f.path, c.start_line, c.end_line, s.name AS symbol, c.content,
       ts_rank_cd(c.search_vector, q.query)::float8 AS score
FROM chunks c
JOIN files f ON f.id = c.file_id
LEFT JOIN symbols s ON s.id = c.symbol_id
CROSS JOIN (SELECT to_tsquery('simple'::regconfig, $2) AS query) AS q
WHERE f.repository_id = $1::bigint AND c.search_vector @@ q.query
ORDER BY score DESC, c.id
LIMIT $3::bigint
