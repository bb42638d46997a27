-- The durable job queue and the review posting ledger, SQLite twin of 0002_jobs.postgres.sql:
-- keep the two in step. Conventions as in 0001: *_at columns are Unix milliseconds, booleans
-- are 0/1 integers, JSON is TEXT.

-- One unit of background work (a review, an indexing). Life cycle:
--   queued -> running (claimed, leased) -> succeeded | queued (retry later) | dead | cancelled.
-- A running job whose lease_expires_at has passed (its worker was killed) is claimable again.
-- lease_owner is the worker that holds the lease, or that last held it.
-- coalesce_key: a newer job with the same key supersedes older ones ('' = never superseded).
-- concurrency_key: at most one running job per key, e.g. 'pr:owner/repo#12' ('' = unlimited).
-- workflow_run_id: the workflow_runs row of the current (or last) attempt.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    priority INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'running', 'succeeded', 'dead', 'cancelled')),
    run_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
    lease_owner TEXT,
    lease_expires_at INTEGER,
    last_error TEXT,
    event_id INTEGER REFERENCES events (id) ON DELETE SET NULL,
    repo_full_name TEXT NOT NULL DEFAULT '',
    pr_number INTEGER,
    head_sha TEXT,
    coalesce_key TEXT NOT NULL DEFAULT '',
    concurrency_key TEXT NOT NULL DEFAULT '',
    cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
    workflow_run_id INTEGER REFERENCES workflow_runs (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    finished_at INTEGER
) STRICT;
-- The claim scans ready jobs in priority order, and running jobs by lease expiry.
CREATE INDEX jobs_claim_idx ON jobs (state, run_at, priority);
CREATE INDEX jobs_lease_idx ON jobs (state, lease_expires_at);
CREATE INDEX jobs_coalesce_key_idx ON jobs (coalesce_key, state) WHERE coalesce_key <> '';
CREATE INDEX jobs_event_id_idx ON jobs (event_id);
-- The per-key limit of one running job, held by the database itself: two PostgreSQL workers
-- that claim two jobs of one pull request at the same instant cannot both commit.
CREATE UNIQUE INDEX jobs_running_concurrency_key ON jobs (concurrency_key)
    WHERE state = 'running' AND concurrency_key <> '';

-- The posting ledger: one row per (repository, pull request, head commit) that a review was
-- posted, or is being posted, for. The worker records 'posting' before it calls GitHub and
-- 'posted' after, so an attempt that crashed in between is recognised on retry.
CREATE TABLE review_intents (
    id INTEGER PRIMARY KEY,
    repo_full_name TEXT NOT NULL,
    pr_number INTEGER NOT NULL,
    head_sha TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'posting' CHECK (state IN ('posting', 'posted')),
    github_review_id INTEGER,
    job_id INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (repo_full_name, pr_number, head_sha)
) STRICT;
CREATE INDEX review_intents_job_id_idx ON review_intents (job_id);
