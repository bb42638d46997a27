-- The chunks whose ids the JSON array $1 lists, with their file's path and symbol's name.
SELECT c.id, c.file_id, f.path, c.start_line, c.end_line, s.name AS symbol, c.content
FROM chunks c
JOIN files f ON f.id = c.file_id
LEFT JOIN symbols s ON s.id = c.symbol_id
WHERE c.id IN (SELECT j.value FROM json_each($1) AS j)
