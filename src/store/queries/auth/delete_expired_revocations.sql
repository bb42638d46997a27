-- Revocations of sessions that have expired anyway; $1: now (ms).
DELETE FROM revoked_sessions WHERE expires_at < $1
