-- One repository by id, with what the last indexing left.
SELECT id, full_name, indexed_sha, indexed_at
FROM repositories
WHERE id = $1
