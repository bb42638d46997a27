-- Reviewer $2 reviewed pull request $1 with verdict $3 at $4; an older review than the one
-- kept changes nothing.
INSERT INTO pr_reviews (pull_request_id, reviewer_login, verdict, reviewed_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (pull_request_id, reviewer_login) DO UPDATE SET
    verdict = excluded.verdict,
    reviewed_at = excluded.reviewed_at
WHERE excluded.reviewed_at >= pr_reviews.reviewed_at
