-- 1 when schema_migrations exists in the current schema (search_path), 0 otherwise.
SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE 1 END AS present
