-- Writes the symbols listed in $1, a JSON array of {"f": file_id, "n": name, "k": kind,
-- "s": scope, "g": signature, "a": start_line, "b": end_line}. Returns each one's id with the
-- fields that identify it, as INSERT ... SELECT does not promise the order of RETURNING.
INSERT INTO symbols (file_id, name, kind, scope, signature, start_line, end_line)
SELECT x.f, x.n, x.k, x.s, x.g, x.a, x.b
FROM jsonb_to_recordset($1::jsonb)
    AS x (f bigint, n text, k text, s text, g text, a bigint, b bigint)
RETURNING id, file_id, name, start_line
