-- Accounts and access, SQLite twin of 0006_accounts.postgres.sql: keep the two in step.
-- Conventions as in 0001.

-- Personal API tokens for scripts and the MCP server. Only a hash is kept: a token is shown
-- once, at creation. prefix (the first characters) lets a user tell tokens apart.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    expires_at INTEGER,
    revoked_at INTEGER
) STRICT;
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

-- Sessions ended before their expiry (sign-out), by the session token's id. Rows can be
-- dropped once expires_at has passed: the token is refused for its age by then.
CREATE TABLE revoked_sessions (
    jti TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
) STRICT;

-- GitHub App installations a user may see, as GitHub listed them for the user at sign-in
-- (GET /user/installations).
CREATE TABLE user_app_installations (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    installation_id INTEGER NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, installation_id)
) STRICT;

-- How many reviews of one connected repository may run at once; NULL: no limit for the
-- repository as a whole (one review per pull request at a time always holds).
ALTER TABLE installations ADD COLUMN max_concurrent_reviews INTEGER
    CHECK (max_concurrent_reviews IS NULL OR max_concurrent_reviews > 0);

-- The one rule of who sees what: a user reaches the repositories they connected, and those of
-- the GitHub App installations GitHub granted them. Every scoped query filters through it.
CREATE VIEW user_repositories AS
SELECT user_id, repo_full_name FROM installations WHERE is_active = 1
UNION
SELECT g.user_id, r.repository_full_name AS repo_full_name
FROM user_app_installations g
JOIN app_installations a ON a.installation_id = g.installation_id AND a.status = 'active'
JOIN app_installation_repositories r
    ON r.installation_id = g.installation_id AND r.removed_at IS NULL;
