-- Writes the chunks listed in $1, a JSON array of
-- [file_id, symbol_id or null, start_line, end_line, kind, content, search_text] arrays.
INSERT INTO chunks (file_id, symbol_id, start_line, end_line, kind, content, search_text)
SELECT (x ->> 0)::bigint, (x ->> 1)::bigint, (x ->> 2)::bigint, (x ->> 3)::bigint, x ->> 4,
       x ->> 5, x ->> 6
FROM jsonb_array_elements($1::jsonb) AS x
