-- The repositories an MCP session reaches: user $1's (user_repositories), or, when $2 is 1
-- (the local stdio server), every repository Nectr knows of, connected or reviewed.
SELECT DISTINCT known.repo_full_name
FROM (SELECT u.repo_full_name FROM user_repositories AS u WHERE $2 = 1 OR u.user_id = $1
      UNION
      SELECT r.repo_full_name FROM reviews AS r WHERE $2 = 1) AS known
