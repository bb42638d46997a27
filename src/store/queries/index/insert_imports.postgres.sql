-- Writes the imports listed in $1, a JSON array of {"f": file_id, "t": target}, unresolved;
-- resolve_imports points them at files once every file of the batch has an id.
INSERT INTO file_imports (file_id, target)
SELECT x.f, x.t
FROM jsonb_to_recordset($1::jsonb) AS x (f bigint, t text)
ON CONFLICT (file_id, target) DO NOTHING
