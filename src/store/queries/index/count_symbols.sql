-- How many symbols repository $1's files define.
SELECT COUNT(*) AS n
FROM symbols s
JOIN files f ON f.id = s.file_id
WHERE f.repository_id = $1
