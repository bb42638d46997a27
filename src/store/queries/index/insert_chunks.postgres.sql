-- Writes the chunks listed in $1, a JSON array of {"f": file_id, "a": start_line,
-- "b": end_line, "y": symbol_id or null, "k": kind, "c": content, "t": search_text}.
INSERT INTO chunks (file_id, start_line, end_line, symbol_id, kind, content, search_text)
SELECT x.f, x.a, x.b, x.y, x.k, x.c, x.t
FROM jsonb_to_recordset($1::jsonb)
    AS x (f bigint, a bigint, b bigint, y bigint, k text, c text, t text)
