-- Who else keeps repository $1 connected besides user $2: how many active installations, and
-- how many of them receive deliveries through hook $3 (NULL: none can).
SELECT COUNT(*) AS others,
       COALESCE(SUM(CASE WHEN webhook_id = $3 THEN 1 ELSE 0 END), 0) AS sharing_hook
FROM installations
WHERE repo_full_name = $1 AND user_id <> $2 AND is_active = 1
