-- Writes the chunks listed in $1, a JSON array of
-- [file_id, symbol_id or null, start_line, end_line, kind, content, search_text] arrays.
INSERT INTO chunks (file_id, symbol_id, start_line, end_line, kind, content, search_text)
SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4,
       j.value ->> 5, j.value ->> 6
FROM json_each($1) AS j
