-- Serialises migrators of one schema until the transaction ends: key 1852138356 is "nect",
-- the second key the current schema, so that schemas of one database do not wait on each other.
SELECT pg_advisory_xact_lock(1852138356, hashtext(current_schema())) AS locked
