-- Smaller stored deliveries, SQLite twin of 0014_payload_dictionaries.postgres.sql: keep the
-- two in step. Conventions as in 0001.
--
-- zstd dictionaries trained on this deployment's own webhook payloads. A payload compressed
-- with one has payload_encoding 'zstd-dict', and its zstd frame names the dictionary by
-- dictionary_id (zstd's own 32-bit id, written into every frame compressed with it). Rows are
-- never deleted: every stored payload stays readable.
CREATE TABLE payload_dictionaries (
    id INTEGER PRIMARY KEY,
    dictionary_id INTEGER NOT NULL UNIQUE,
    dictionary BLOB NOT NULL,
    samples INTEGER NOT NULL,
    sample_bytes INTEGER NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

-- Every delivery wrote an entry into these two indexes in the commit its webhook waits on,
-- and no query needs them: the event list walks events by id, and the running jobs that the
-- lease index found (the claim's expired-lease branch, the reap, the per-repository count)
-- are found as well through jobs_claim_idx, whose first column is the state (EXPLAIN QUERY
-- PLAN); they are few, one per busy worker.
DROP INDEX events_status_idx;
DROP INDEX jobs_lease_idx;
