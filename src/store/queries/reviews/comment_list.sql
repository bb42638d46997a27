-- Every comment of review $1 as stored, in the order the review made them. The caller has
-- checked that the review may be shown.
SELECT id, path, line, start_line, side, severity, category, body, suggestion, posted_inline,
       source, created_at
FROM review_comments
WHERE review_id = $1
ORDER BY id
