-- Writes the symbols listed in $1, a JSON array of
-- [file_id, name, kind, scope, signature, start_line, end_line] arrays (positional: cheaper to
-- read than objects). Returns each one's id with the fields that identify it, as
-- INSERT ... SELECT does not promise the order of RETURNING.
INSERT INTO symbols (file_id, name, kind, scope, signature, start_line, end_line)
SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4,
       j.value ->> 5, j.value ->> 6
FROM json_each($1) AS j
RETURNING id, file_id, name, start_line
