-- Removes the files whose ids the JSON array $1 lists; their symbols, chunks and imports go
-- with them (ON DELETE CASCADE), and imports that pointed at them become unresolved.
DELETE FROM files
WHERE id IN (SELECT j.value FROM json_each($1) AS j)
