-- How many chunks repository $1's files are cut into.
SELECT COUNT(*) AS n
FROM chunks c
JOIN files f ON f.id = c.file_id
WHERE f.repository_id = $1
