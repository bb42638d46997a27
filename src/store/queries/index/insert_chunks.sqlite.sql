-- Writes the chunks listed in $1, a JSON array of {"f": file_id, "a": start_line,
-- "b": end_line, "y": symbol_id or null, "k": kind, "c": content, "t": search_text}.
INSERT INTO chunks (file_id, start_line, end_line, symbol_id, kind, content, search_text)
SELECT j.value ->> 'f', j.value ->> 'a', j.value ->> 'b', j.value ->> 'y', j.value ->> 'k',
       j.value ->> 'c', j.value ->> 't'
FROM json_each($1) AS j
