-- Review $1 is on GitHub as review $2, at $3.
UPDATE reviews SET status = 'posted', github_review_id = $2, completed_at = $3 WHERE id = $1
