-- Repository $1 now reflects commit $2 (NULL outside git) as of $3.
UPDATE repositories
SET indexed_sha = $2, indexed_at = $3, updated_at = $3
WHERE id = $1
