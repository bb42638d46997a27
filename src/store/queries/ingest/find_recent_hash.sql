-- The first event with the same type and payload inside the dedup window.
SELECT id FROM events WHERE dedup_hash = $1 AND created_at >= $2 ORDER BY id LIMIT 1
