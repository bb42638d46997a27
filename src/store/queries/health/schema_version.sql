-- The schema version doubles as the health probe: a real query that touches a table.
SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations
