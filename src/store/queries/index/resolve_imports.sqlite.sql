-- Points imports at files: $1 is a JSON array of {"f": file_id, "t": target, "r": target_file_id}.
UPDATE file_imports
SET target_file_id = j.value ->> 'r'
FROM json_each($1) AS j
WHERE file_imports.file_id = j.value ->> 'f' AND file_imports.target = j.value ->> 't'
