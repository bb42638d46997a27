-- Writes the imports listed in $1, a JSON array of [file_id, target] arrays, unresolved;
-- resolve_imports points them at files once every file of the batch has an id.
INSERT INTO file_imports (file_id, target)
SELECT (x ->> 0)::bigint, x ->> 1
FROM jsonb_array_elements($1::jsonb) AS x
ON CONFLICT (file_id, target) DO NOTHING
