-- Writes the symbols listed in $1, a JSON array of
-- [file_id, name, kind, scope, signature, start_line, end_line] arrays. Returns each one's id
-- with the fields that identify it, as INSERT ... SELECT does not promise the order of
-- RETURNING.
INSERT INTO symbols (file_id, name, kind, scope, signature, start_line, end_line)
SELECT (x ->> 0)::bigint, x ->> 1, x ->> 2, x ->> 3, x ->> 4, (x ->> 5)::bigint,
       (x ->> 6)::bigint
FROM jsonb_array_elements($1::jsonb) AS x
RETURNING id, file_id, name, start_line
