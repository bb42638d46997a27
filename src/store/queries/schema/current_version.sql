-- The highest applied migration; 0 when none is.
SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations
