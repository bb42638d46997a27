-- A user's API tokens, newest first, without their hashes.
SELECT id, name, prefix, created_at, last_used_at, expires_at, revoked_at
FROM api_tokens
WHERE user_id = $1
ORDER BY id DESC
