-- How many jobs of kind $2 repository $1 runs, and the smallest limit an active connection of
-- it sets (installations.max_concurrent_reviews; NULL when none does).
SELECT (SELECT COUNT(*)
        FROM jobs
        WHERE repo_full_name = $1 AND kind = $2 AND state = 'running') AS running,
       (SELECT MIN(max_concurrent_reviews)
        FROM installations
        WHERE repo_full_name = $1 AND is_active = 1) AS allowed
