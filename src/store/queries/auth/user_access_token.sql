-- The stored (encrypted) GitHub token of user $1.
SELECT access_token_encrypted FROM users WHERE id = $1
