-- Adds repository $1 (its full name) at time $2 unless it is there: the code index may have
-- added it already, or add it at the same moment.
INSERT INTO repositories (full_name, created_at, updated_at)
VALUES ($1, $2, $2)
ON CONFLICT (full_name) DO NOTHING
