-- The comments of review $1, so that an incremental review does not repeat them.
SELECT path, line, category, body
FROM review_comments
WHERE review_id = $1
ORDER BY id
