-- Sets how many reviews of active installation $1 may run at once ($2; NULL: no limit), at $3.
UPDATE installations
SET max_concurrent_reviews = $2, updated_at = $3
WHERE id = $1 AND is_active = 1
RETURNING id, max_concurrent_reviews
