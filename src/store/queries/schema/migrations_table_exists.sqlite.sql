-- 1 when schema_migrations exists, 0 on an empty database.
SELECT COUNT(*) AS present FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'
