-- Writes the imports listed in $1, a JSON array of [file_id, target] arrays, unresolved;
-- resolve_imports points them at files once every file of the batch has an id.
INSERT INTO file_imports (file_id, target)
SELECT j.value ->> 0, j.value ->> 1
FROM json_each($1) AS j
WHERE true  -- SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT
ON CONFLICT (file_id, target) DO NOTHING
