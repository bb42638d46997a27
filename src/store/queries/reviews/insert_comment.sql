-- One comment of review $1.
INSERT INTO review_comments (review_id, path, line, start_line, side, severity, category, body,
                             suggestion, posted_inline, source, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
