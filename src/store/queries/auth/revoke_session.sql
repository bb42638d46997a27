-- Ends a session before its expiry. $1 jti, $2 user id, $3 the session's expiry (ms).
INSERT INTO revoked_sessions (jti, user_id, expires_at) VALUES ($1, $2, $3)
ON CONFLICT (jti) DO NOTHING
