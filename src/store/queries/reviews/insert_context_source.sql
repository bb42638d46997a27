-- What integration $2 contributed to review $1.
INSERT INTO review_context_sources (review_id, name, status, items, detail, created_at)
VALUES ($1, $2, $3, $4, $5, $6)
