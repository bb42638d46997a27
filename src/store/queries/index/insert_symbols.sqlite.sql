-- Writes the symbols listed in $1, a JSON array of {"f": file_id, "n": name, "k": kind,
-- "s": scope, "g": signature, "a": start_line, "b": end_line}. Returns each one's id with the
-- fields that identify it, as INSERT ... SELECT does not promise the order of RETURNING.
INSERT INTO symbols (file_id, name, kind, scope, signature, start_line, end_line)
SELECT j.value ->> 'f', j.value ->> 'n', j.value ->> 'k', j.value ->> 's', j.value ->> 'g',
       j.value ->> 'a', j.value ->> 'b'
FROM json_each($1) AS j
RETURNING id, file_id, name, start_line
