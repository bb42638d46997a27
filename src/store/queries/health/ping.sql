-- Answers when the database is reachable: /health and `nectr doctor`.
SELECT 1 AS ok
