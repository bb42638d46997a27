-- The code index, SQLite twin of 0009_code_index.postgres.sql: keep the two in step. Conventions
-- as in 0001. Written and searched by index/. A chunk is a span of one file's lines: a symbol's
-- body (kind 'symbol') or a window of lines outside any symbol (kind 'window').
CREATE TABLE chunks (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    -- 1-based, inclusive.
    start_line INTEGER NOT NULL,
    end_line INTEGER NOT NULL,
    symbol_id INTEGER REFERENCES symbols (id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('symbol', 'window')),
    content TEXT NOT NULL,
    -- The words of the content's identifiers, split on camelCase and snake_case and lowercased
    -- ("parseDiffHunk" -> "parse diff hunk"), so that a search in words finds an identifier.
    -- The full-text index covers content and search_text together.
    search_text TEXT NOT NULL,
    -- Optional dense vector of the content: float32 values, little-endian.
    embedding BLOB,
    embedding_model TEXT
) STRICT;
CREATE INDEX chunks_file_id_idx ON chunks (file_id);
CREATE INDEX chunks_symbol_id_idx ON chunks (symbol_id);

-- Full text over chunks, ranked with bm25(). External content: the text lives once, in chunks;
-- the triggers keep the index in step, also when a file's deletion cascades to its chunks.
-- detail=column keeps which column a term is in but not where: searches are ORs of single
-- terms, and leaving positions out makes indexing a large checkout about a sixth cheaper.
CREATE VIRTUAL TABLE chunks_fts USING fts5(
    content, search_text, content = 'chunks', content_rowid = 'id', detail = 'column',
    tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts (rowid, content, search_text)
    VALUES (new.id, new.content, new.search_text);
END;

CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, content, search_text)
    VALUES ('delete', old.id, old.content, old.search_text);
END;

CREATE TRIGGER chunks_fts_update AFTER UPDATE OF content, search_text ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, content, search_text)
    VALUES ('delete', old.id, old.content, old.search_text);
    INSERT INTO chunks_fts (rowid, content, search_text)
    VALUES (new.id, new.content, new.search_text);
END;
