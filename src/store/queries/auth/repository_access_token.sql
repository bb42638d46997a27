-- The stored (encrypted) GitHub token of the user who most recently connected repository $1
-- and still has it connected.
SELECT u.access_token_encrypted
FROM installations AS i
JOIN users AS u ON u.id = i.user_id
WHERE i.repo_full_name = $1 AND i.is_active = 1 AND u.access_token_encrypted IS NOT NULL
ORDER BY i.updated_at DESC, i.id DESC
LIMIT 1
