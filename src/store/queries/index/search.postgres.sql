-- Chunks of repository $1 that match the tsquery $2 (the 'simple' configuration, as the
-- stored vectors), best first by ts_rank_cd, at most $3. score: higher is better. The inner
-- query ranks ids only; content is read for the $3 chunks kept, not for every match.
SELECT c.id, c.file_id, f.path, c.start_line, c.end_line, s.name AS symbol, c.content,
       ranked.score
FROM (
    SELECT m.id, ts_rank_cd(m.search_vector, q.query)::float8 AS score
    FROM chunks m
    JOIN files mf ON mf.id = m.file_id
    CROSS JOIN (SELECT to_tsquery('simple'::regconfig, $2) AS query) AS q
    WHERE mf.repository_id = $1::bigint AND m.search_vector @@ q.query
    ORDER BY score DESC, m.id
    LIMIT $3::bigint
) AS ranked
JOIN chunks c ON c.id = ranked.id
JOIN files f ON f.id = c.file_id
LEFT JOIN symbols s ON s.id = c.symbol_id
ORDER BY ranked.score DESC, c.id
