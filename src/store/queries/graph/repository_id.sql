-- The id of repository $1 (its full name); no row when the graph does not know it.
SELECT id FROM repositories WHERE full_name = $1
