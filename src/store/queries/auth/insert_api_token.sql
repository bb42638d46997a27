-- A new personal API token, kept as its hash. $1 user, $2 name, $3 hash, $4 prefix,
-- $5 now (ms), $6 expiry (ms) or NULL.
INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id
