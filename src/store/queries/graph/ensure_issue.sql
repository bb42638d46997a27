-- Issue $2 of repository $1 exists in the graph from time $3 on; its title and state stay
-- unknown until something reads it.
INSERT INTO issues (repository_id, number, created_at, updated_at)
VALUES ($1, $2, $3, $3)
ON CONFLICT (repository_id, number) DO NOTHING
