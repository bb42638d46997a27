-- The token with this hash and its owner.
SELECT t.id, t.user_id, u.github_username, t.expires_at, t.revoked_at, t.last_used_at
FROM api_tokens t
JOIN users u ON u.id = t.user_id
WHERE t.token_hash = $1
