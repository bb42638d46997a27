-- Where each repository's clone and code index stand, PostgreSQL twin of
-- 0012_repository_scans.sqlite.sql: keep the two in step. Conventions as in 0001. Written by
-- the scan_repository and reindex_push jobs (app/), read by the repository list of the REST
-- API for the dashboard's index status, and deleted with the repository's other data when it
-- is disconnected with a purge.

-- One row per repository: its latest scan or push update. state: queued (a scan was asked
-- for), running, done, failed. commit_sha: the commit the index reflects (kept through a
-- failure, so that the next push update diffs from what is indexed). files, symbols, chunks:
-- what the index holds after the last success. error: why the last attempt failed, never a
-- token. kind: 'scan' (a whole clone) or 'push' (the files one push changed).
CREATE TABLE repository_scans (
    repo_full_name TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    kind TEXT NOT NULL DEFAULT 'scan' CHECK (kind IN ('scan', 'push')),
    commit_sha TEXT,
    files BIGINT NOT NULL DEFAULT 0,
    symbols BIGINT NOT NULL DEFAULT 0,
    chunks BIGINT NOT NULL DEFAULT 0,
    commits_imported BIGINT NOT NULL DEFAULT 0,
    error TEXT,
    queued_at BIGINT,
    started_at BIGINT,
    finished_at BIGINT,
    updated_at BIGINT NOT NULL
);
