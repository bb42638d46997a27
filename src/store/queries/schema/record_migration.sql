-- $1 version, $2 name ("initial"), $3 applied_at (Unix milliseconds).
INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)
