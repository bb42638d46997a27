-- How many vectors of model $2 repository $1's chunks have, and the largest and summed chunk
-- ids among them: cheap to read, and it changes whenever a vector is stored or its chunk goes
-- (chunks are replaced with new ids when their file is parsed again).
SELECT COUNT(*), COALESCE(MAX(c.id), 0), CAST(COALESCE(SUM(c.id), 0) AS BIGINT)
FROM chunks c
JOIN files f ON f.id = c.file_id
WHERE f.repository_id = $1 AND c.embedding_model = $2 AND c.embedding IS NOT NULL
