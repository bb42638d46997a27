-- The user a session names, and whether the session was ended; no row: the user is gone.
-- $1 user id, $2 the session's jti.
SELECT u.github_username,
       CASE WHEN EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.jti = $2) THEN 1 ELSE 0 END
           AS revoked
FROM users u
WHERE u.id = $1
