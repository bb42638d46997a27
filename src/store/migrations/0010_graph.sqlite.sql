-- The knowledge graph, SQLite twin of 0010_graph.postgres.sql: keep the two in step.
-- Conventions as in 0001. Nodes and edges are rows: repositories, files, symbols and imports
-- come from 0008 (written by the code index); this migration adds who changed what, when,
-- and how it was reviewed. Written and read by graph/. Paths are repository-relative,
-- '/'-separated, as in 0008.

-- A person who wrote commits or pull requests, or reviewed them. login is the GitHub login
-- when one is known (is_github = 1: pull request authors and reviewers, and commit authors
-- whose e-mail is GitHub's no-reply address); otherwise the author's e-mail in lower case,
-- or the name when git has no e-mail.
CREATE TABLE developers (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    is_github INTEGER NOT NULL DEFAULT 0 CHECK (is_github IN (0, 1)),
    name TEXT,
    email TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- A pull request (AUTHORED_BY: author_login). state: 'open', 'closed' or 'merged'. verdict
-- is Nectr's latest (APPROVE, REQUEST_CHANGES, NEEDS_DISCUSSION), given at verdict_at.
-- created_at and updated_at are GitHub's; indexed_at is when Nectr last wrote the row.
CREATE TABLE pull_requests (
    id INTEGER PRIMARY KEY,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    author_login TEXT,
    verdict TEXT,
    verdict_at INTEGER,
    head_sha TEXT,
    merged_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    indexed_at INTEGER NOT NULL,
    UNIQUE (repository_id, number)
) STRICT;
CREATE INDEX pull_requests_repository_verdict_at_idx ON pull_requests (repository_id, verdict_at);
CREATE INDEX pull_requests_author_idx ON pull_requests (author_login, repository_id);
CREATE INDEX pull_requests_repository_merged_at_idx ON pull_requests (repository_id, merged_at);

-- An issue a pull request closes. title and state stay NULL until something reads the issue.
CREATE TABLE issues (
    id INTEGER PRIMARY KEY,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    title TEXT,
    state TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (repository_id, number)
) STRICT;

-- TOUCHES: a file a pull request changes. change_kind is GitHub's file status (added,
-- removed, modified, renamed, ...); previous_path is set for renames. repository_id repeats
-- the pull request's so that "who touched this path" is one index lookup.
CREATE TABLE pr_files (
    pull_request_id INTEGER NOT NULL REFERENCES pull_requests (id) ON DELETE CASCADE,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    previous_path TEXT,
    additions INTEGER NOT NULL DEFAULT 0,
    deletions INTEGER NOT NULL DEFAULT 0,
    change_kind TEXT NOT NULL DEFAULT 'modified',
    PRIMARY KEY (pull_request_id, path)
) STRICT;
CREATE INDEX pr_files_repository_path_idx ON pr_files (repository_id, path);

-- REVIEWED: the latest review of a pull request by one reviewer ('nectr' for Nectr's own).
-- verdict is GitHub's review state (APPROVED, CHANGES_REQUESTED, COMMENTED, ...) for people,
-- Nectr's verdict for 'nectr'.
CREATE TABLE pr_reviews (
    id INTEGER PRIMARY KEY,
    pull_request_id INTEGER NOT NULL REFERENCES pull_requests (id) ON DELETE CASCADE,
    reviewer_login TEXT NOT NULL,
    verdict TEXT,
    reviewed_at INTEGER NOT NULL,
    UNIQUE (pull_request_id, reviewer_login)
) STRICT;
CREATE INDEX pr_reviews_reviewer_idx ON pr_reviews (reviewer_login, pull_request_id);

-- CLOSES: issue numbers a pull request's body or commit messages close ("Fixes #12").
CREATE TABLE pr_closes (
    pull_request_id INTEGER NOT NULL REFERENCES pull_requests (id) ON DELETE CASCADE,
    issue_number INTEGER NOT NULL,
    PRIMARY KEY (pull_request_id, issue_number)
) STRICT;

-- A commit of a repository's history, imported from a local checkout with git log.
-- authored_at and committed_at are git's author and committer dates. parent_count > 1 marks
-- a merge (merges list no files); file_count is how many files it changed, so that huge
-- commits (vendoring, mass renames) can be left out of co-change counts.
CREATE TABLE commits (
    id INTEGER PRIMARY KEY,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    sha TEXT NOT NULL,
    developer_id INTEGER NOT NULL REFERENCES developers (id),
    author_name TEXT NOT NULL DEFAULT '',
    author_email TEXT NOT NULL DEFAULT '',
    authored_at INTEGER NOT NULL,
    committed_at INTEGER NOT NULL,
    parent_count INTEGER NOT NULL DEFAULT 1,
    file_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (repository_id, sha)
) STRICT;
CREATE INDEX commits_repository_authored_at_idx ON commits (repository_id, authored_at);
CREATE INDEX commits_developer_idx ON commits (developer_id, repository_id);

-- A file a commit changed, with git's --numstat line counts (0 for binary files).
CREATE TABLE commit_files (
    commit_id INTEGER NOT NULL REFERENCES commits (id) ON DELETE CASCADE,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    additions INTEGER NOT NULL DEFAULT 0,
    deletions INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (commit_id, path)
) STRICT;
CREATE INDEX commit_files_repository_path_idx ON commit_files (repository_id, path);

-- CONTRIBUTED_TO: what a developer did in a repository, recounted from commits,
-- pull_requests and pr_reviews whenever those change for them. last_at is their latest
-- commit or pull request.
CREATE TABLE developer_repositories (
    developer_id INTEGER NOT NULL REFERENCES developers (id) ON DELETE CASCADE,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    commit_count INTEGER NOT NULL DEFAULT 0,
    pull_request_count INTEGER NOT NULL DEFAULT 0,
    review_count INTEGER NOT NULL DEFAULT 0,
    last_at INTEGER,
    PRIMARY KEY (developer_id, repository_id)
) STRICT;
CREATE INDEX developer_repositories_repository_idx ON developer_repositories (repository_id);

-- Where the last history import of a repository stopped: the next one reads only the
-- commits after head_sha.
CREATE TABLE git_history_imports (
    repository_id INTEGER PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
    head_sha TEXT NOT NULL,
    imported_at INTEGER NOT NULL
) STRICT;
