-- Up to $3 chunks of repository $1 with no vector of model $2 yet, oldest first.
SELECT c.id, c.content
FROM chunks c
JOIN files f ON f.id = c.file_id
WHERE f.repository_id = $1
  AND (c.embedding IS NULL OR c.embedding_model IS NULL OR c.embedding_model <> $2)
ORDER BY c.id
LIMIT $3
