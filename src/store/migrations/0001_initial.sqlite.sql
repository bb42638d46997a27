-- Nectr's first schema, SQLite twin of 0001_initial.postgres.sql: keep the two in step.
-- Conventions: ids are 64-bit integers; *_at columns are Unix milliseconds; booleans are 0/1
-- integers; JSON is TEXT; binary payloads are BLOB. STRICT tables reject a value of the wrong
-- type, as PostgreSQL does.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    github_id INTEGER NOT NULL UNIQUE,
    github_username TEXT NOT NULL,
    access_token_encrypted TEXT,
    email TEXT,
    avatar_url TEXT,
    name TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- A repository a user connected; webhook_secret is encrypted by the auth module.
CREATE TABLE installations (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    repo_full_name TEXT NOT NULL,
    github_repo_id INTEGER,
    webhook_id INTEGER,
    webhook_secret TEXT,
    installation_id INTEGER,
    is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    installed_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (repo_full_name, user_id)
) STRICT;
CREATE INDEX installations_repo_full_name_idx ON installations (repo_full_name);
CREATE INDEX installations_user_id_idx ON installations (user_id);

-- Webhook deliveries as received. payload_encoding names the compression of payload
-- ('identity', 'zlib', 'zstd'); dedup_hash is the payload hash used to drop redeliveries.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    event_type TEXT NOT NULL,
    action TEXT,
    source TEXT NOT NULL DEFAULT 'github',
    delivery_id TEXT,
    repo_full_name TEXT,
    payload BLOB,
    payload_encoding TEXT NOT NULL DEFAULT 'identity',
    dedup_hash TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'failed')),
    error TEXT,
    created_at INTEGER NOT NULL,
    processed_at INTEGER
) STRICT;
CREATE UNIQUE INDEX events_delivery_id_key ON events (delivery_id) WHERE delivery_id IS NOT NULL;
CREATE INDEX events_dedup_hash_created_at_idx ON events (dedup_hash, created_at);
CREATE INDEX events_status_idx ON events (status);

-- One run of a workflow (a review, an indexing) started by an event; result is JSON.
CREATE TABLE workflow_runs (
    id INTEGER PRIMARY KEY,
    event_id INTEGER REFERENCES events (id) ON DELETE CASCADE,
    workflow_type TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
    result TEXT,
    error TEXT,
    started_at INTEGER NOT NULL,
    completed_at INTEGER
) STRICT;
CREATE INDEX workflow_runs_event_id_idx ON workflow_runs (event_id);

-- Single-use OAuth states that expire.
CREATE TABLE oauth_states (
    id INTEGER PRIMARY KEY,
    state TEXT NOT NULL UNIQUE,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
) STRICT;
CREATE INDEX oauth_states_expires_at_idx ON oauth_states (expires_at);

-- One review of one head commit of a pull request, with its usage and cost.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    repo_full_name TEXT NOT NULL,
    pr_number INTEGER NOT NULL,
    head_sha TEXT,
    installation_id INTEGER REFERENCES installations (id) ON DELETE SET NULL,
    event_id INTEGER REFERENCES events (id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    verdict TEXT,
    summary TEXT,
    github_review_id INTEGER,
    model TEXT,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL NOT NULL DEFAULT 0,
    duration_ms INTEGER,
    error TEXT,
    created_at INTEGER NOT NULL,
    completed_at INTEGER
) STRICT;
CREATE INDEX reviews_repo_pr_head_idx ON reviews (repo_full_name, pr_number, head_sha);
CREATE INDEX reviews_event_id_idx ON reviews (event_id);
CREATE INDEX reviews_installation_id_idx ON reviews (installation_id);

-- Inline comments of a review; line/start_line/side as in GitHub's review comment API.
CREATE TABLE review_comments (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    line INTEGER,
    start_line INTEGER,
    side TEXT NOT NULL DEFAULT 'RIGHT' CHECK (side IN ('LEFT', 'RIGHT')),
    severity TEXT NOT NULL,
    category TEXT,
    body TEXT NOT NULL,
    suggestion TEXT,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX review_comments_review_id_idx ON review_comments (review_id);
