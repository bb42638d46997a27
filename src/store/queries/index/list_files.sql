-- Every indexed file of repository $1 with the hash of the content it was indexed from.
SELECT id, path, content_sha
FROM files
WHERE repository_id = $1
