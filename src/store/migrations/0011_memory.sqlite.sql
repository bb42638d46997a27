-- Semantic memory, SQLite twin of 0011_memory.postgres.sql: keep the two in step. Conventions
-- as in 0001. What Nectr has learnt about a repository and the people who work on it: rules
-- and conventions, developers' habits, reviewers' preferences, and findings accepted as
-- intended (so that later reviews stop raising them). Written by memory/, read by reviews,
-- the REST API and the dashboard.

-- scope 'developer' ties a memory to one GitHub login of the repository; 'repository' to
-- everyone. normalized is the content lower-cased with punctuation dropped, for finding the
-- memory that says the same thing again. source_ref: what it was learnt from (a comment id).
CREATE TABLE memories (
    id INTEGER PRIMARY KEY,
    repo_full_name TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('repository', 'developer')),
    developer_login TEXT,
    type TEXT NOT NULL CHECK (type IN ('project_rule', 'convention', 'developer_habit',
                                       'preference', 'accepted_false_positive')),
    content TEXT NOT NULL,
    normalized TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('manual', 'review', 'feedback')),
    source_review_id INTEGER REFERENCES reviews (id) ON DELETE SET NULL,
    source_ref TEXT,
    confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    hits INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_used_at INTEGER,
    created_by_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    CHECK ((scope = 'developer') = (developer_login IS NOT NULL))
) STRICT;
CREATE INDEX memories_repo_idx ON memories (repo_full_name, id);
CREATE INDEX memories_repo_type_idx ON memories (repo_full_name, type, id);
CREATE INDEX memories_source_review_id_idx ON memories (source_review_id);

-- Full-text search over the content (bm25 ranking), kept in step with memories by the
-- triggers below: an external-content table stores only the index, not a second copy.
CREATE VIRTUAL TABLE memories_fts USING fts5(
    content, content = 'memories', content_rowid = 'id');

CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
    INSERT INTO memories_fts (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
    INSERT INTO memories_fts (memories_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER memories_fts_update AFTER UPDATE OF content ON memories BEGIN
    INSERT INTO memories_fts (memories_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO memories_fts (rowid, content) VALUES (new.id, new.content);
END;
