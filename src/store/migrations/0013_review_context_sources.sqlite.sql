-- What each configured MCP integration contributed to a review, SQLite twin of
-- 0013_review_context_sources.postgres.sql: keep the two in step. Conventions as in 0001.
-- status: ok (it answered), skipped (not set up), failed (errors or timeouts: the review went
-- on without it). items: the context items it gave; detail: why it was skipped or failed.
CREATE TABLE review_context_sources (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'skipped', 'failed')),
    items INTEGER NOT NULL DEFAULT 0,
    detail TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX review_context_sources_review_id_idx ON review_context_sources (review_id);
