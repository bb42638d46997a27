-- Rewrites memory $1: content $2 with its normalized form $3, type $4, confidence $5, at $6.
UPDATE memories
SET content = $2, normalized = $3, type = $4, confidence = $5, updated_at = $6
WHERE id = $1
