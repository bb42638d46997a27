-- Review $1 ended without posting (a draft, a superseded head) for reason $2 at $3.
UPDATE reviews SET status = 'skipped', error = $2, completed_at = $3 WHERE id = $1
