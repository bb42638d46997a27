-- What each integration contributed to review $1, in the order they were recorded. The caller
-- has checked that the review may be shown.
SELECT name, status, items, detail
FROM review_context_sources
WHERE review_id = $1
ORDER BY id
