-- Points imports at files: $1 is a JSON array of [file_id, target, target_file_id] arrays.
UPDATE file_imports
SET target_file_id = j.value ->> 2
FROM json_each($1) AS j
WHERE file_imports.file_id = j.value ->> 0 AND file_imports.target = j.value ->> 1
