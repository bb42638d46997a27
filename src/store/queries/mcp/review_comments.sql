-- The comments of review $1 (whose scope the caller checked with pr_reviews.sql), most severe
-- kinds first in code; at most 100.
SELECT c.path, c.line, c.severity, c.category, c.body, c.posted_inline, c.source
FROM review_comments AS c
WHERE c.review_id = $1
ORDER BY c.id
LIMIT 100
