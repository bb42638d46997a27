-- The user GitHub named at sign-in, created or refreshed; returns Nectr's id for them.
-- $1 github_id, $2 login, $3 sealed access token, $4 email, $5 avatar_url, $6 name, $7 now.
INSERT INTO users (github_id, github_username, access_token_encrypted, email, avatar_url, name,
                   created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
ON CONFLICT (github_id) DO UPDATE SET
    github_username = excluded.github_username,
    access_token_encrypted = excluded.access_token_encrypted,
    email = excluded.email,
    avatar_url = excluded.avatar_url,
    name = excluded.name,
    updated_at = excluded.updated_at
RETURNING id
