-- Imports of repository $1 that point at no file yet, with the importing file's path and
-- language, so that they can be resolved against the files indexed since.
SELECT fi.file_id, fi.target, f.path, f.language
FROM file_imports fi
JOIN files f ON f.id = fi.file_id
WHERE f.repository_id = $1 AND fi.target_file_id IS NULL
