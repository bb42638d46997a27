-- Every vector of model $2 among repository $1's chunks.
SELECT c.id, c.embedding
FROM chunks c
JOIN files f ON f.id = c.file_id
WHERE f.repository_id = $1 AND c.embedding_model = $2 AND c.embedding IS NOT NULL
