-- Review $1 failed with reason $2 at $3.
UPDATE reviews SET status = 'failed', error = $2, completed_at = $3 WHERE id = $1
