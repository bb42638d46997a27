-- Repository $1's indexed files (migration 0008) that changed most recently, the larger first
-- on a tie, at most $2: where the code is moving.
SELECT f.path, f.language, f.line_count, f.updated_at
FROM files AS f
JOIN repositories AS r ON r.id = f.repository_id
WHERE r.full_name = $1
ORDER BY f.updated_at DESC, f.line_count DESC, f.path
LIMIT $2
