-- Purges the webhook events of repository $1; their workflow runs go with them (cascade), and
-- jobs keep running without their event (SET NULL).
DELETE FROM events WHERE repo_full_name = $1
