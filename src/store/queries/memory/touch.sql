-- Memory $1 was used at $2 (put in a review's context, or suppressed a comment).
UPDATE memories SET hits = hits + 1, last_used_at = $2 WHERE id = $1
