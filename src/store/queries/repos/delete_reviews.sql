-- Purges the reviews of repository $1; their comments and model calls go with them (cascade).
DELETE FROM reviews WHERE repo_full_name = $1
