-- The structure of repositories' code, SQLite twin of 0008_code_structure.postgres.sql: keep the
-- two in step. Conventions as in 0001. Written by the code index (index/), read by the
-- knowledge graph (graph/) and the review context. Paths are repository-relative, '/'-separated.

-- A repository Nectr knows: connected, reviewed, or indexed from a local checkout (then
-- full_name is "local/<directory name>" unless the checkout's origin names one).
CREATE TABLE repositories (
    id INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL UNIQUE,
    default_branch TEXT,
    -- The commit the files below reflect, and when the last full scan or update finished.
    indexed_sha TEXT,
    indexed_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- A file at the indexed commit (CONTAINS). language: the analyzers' language name or ''.
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT '',
    size_bytes INTEGER NOT NULL DEFAULT 0,
    line_count INTEGER NOT NULL DEFAULT 0,
    content_sha TEXT,
    updated_at INTEGER NOT NULL,
    UNIQUE (repository_id, path)
) STRICT;

-- A symbol a file defines (DEFINES): kind as universal-ctags names it (function, class,
-- method, ...), lines 1-based and inclusive; end_line NULL when unknown.
CREATE TABLE symbols (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    scope TEXT,
    signature TEXT,
    start_line INTEGER NOT NULL,
    end_line INTEGER
) STRICT;
CREATE INDEX symbols_file_id_idx ON symbols (file_id);
CREATE INDEX symbols_name_idx ON symbols (name);

-- IMPORTS: file_id imports the module named `target` (as written), resolved to a file of the
-- same repository where that can be derived (target_file_id), NULL otherwise.
CREATE TABLE file_imports (
    file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    target TEXT NOT NULL,
    target_file_id INTEGER REFERENCES files (id) ON DELETE SET NULL,
    PRIMARY KEY (file_id, target)
) STRICT;
CREATE INDEX file_imports_target_file_id_idx ON file_imports (target_file_id);
