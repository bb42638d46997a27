-- What a review run produced beyond its verdict and usage: the posted body, how it was split,
-- what it skipped or could not cover (details, JSON), and one row per model call.
ALTER TABLE reviews ADD COLUMN body TEXT;
ALTER TABLE reviews ADD COLUMN provider TEXT;
ALTER TABLE reviews ADD COLUMN parts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN review_event TEXT;
ALTER TABLE reviews ADD COLUMN incremental_from_sha TEXT;
ALTER TABLE reviews ADD COLUMN details TEXT;
ALTER TABLE review_comments ADD COLUMN posted_inline INTEGER NOT NULL DEFAULT 0;
ALTER TABLE review_comments ADD COLUMN source TEXT NOT NULL DEFAULT 'model';
CREATE INDEX reviews_status_idx ON reviews (repo_full_name, pr_number, status);

CREATE TABLE llm_calls (
    id INTEGER PRIMARY KEY,
    review_id INTEGER REFERENCES reviews (id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL NOT NULL DEFAULT 0,
    latency_ms INTEGER NOT NULL DEFAULT 0,
    stop_reason TEXT,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX llm_calls_review_id_idx ON llm_calls (review_id);
