-- Points imports at files: $1 is a JSON array of {"f": file_id, "t": target, "r": target_file_id}.
UPDATE file_imports
SET target_file_id = x.r
FROM jsonb_to_recordset($1::jsonb) AS x (f bigint, t text, r bigint)
WHERE file_imports.file_id = x.f AND file_imports.target = x.t
