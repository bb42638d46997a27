-- Stores chunk $1's vector $2 (float32 little-endian) of model $3.
UPDATE chunks
SET embedding = $2, embedding_model = $3
WHERE id = $1
