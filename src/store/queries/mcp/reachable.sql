-- One row when the MCP session of user $1 (every repository when $2 is 1) reaches
-- repository $3; none otherwise.
SELECT 1 AS reachable
FROM (SELECT u.repo_full_name FROM user_repositories AS u WHERE $2 = 1 OR u.user_id = $1
      UNION
      SELECT r.repo_full_name FROM reviews AS r WHERE $2 = 1) AS known
WHERE known.repo_full_name = $3
LIMIT 1
