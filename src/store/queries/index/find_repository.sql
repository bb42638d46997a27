-- The id of the repository named $1, if the index knows it.
SELECT id
FROM repositories
WHERE full_name = $1
