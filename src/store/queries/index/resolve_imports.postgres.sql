-- Points imports at files: $1 is a JSON array of [file_id, target, target_file_id] arrays.
UPDATE file_imports
SET target_file_id = (x ->> 2)::bigint
FROM jsonb_array_elements($1::jsonb) AS x
WHERE file_imports.file_id = (x ->> 0)::bigint AND file_imports.target = x ->> 1
