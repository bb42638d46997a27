-- A user's profile as /auth/me shows it.
SELECT id, github_username, name, email, avatar_url FROM users WHERE id = $1
