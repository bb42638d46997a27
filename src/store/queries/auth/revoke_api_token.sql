-- Revokes one of the user's tokens; revoking twice keeps the first time. Matches nothing
-- when the token is another user's. $1 token id, $2 user id, $3 now (ms).
UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND user_id = $2
