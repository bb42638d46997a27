-- Analytics: how many pull requests (repository and number) have a posted review among the
-- reviews of analytics/days.sql's scope (user $1, repository $2, created since $3).
SELECT COUNT(*) AS prs
FROM (SELECT DISTINCT r.repo_full_name, r.pr_number
      FROM reviews AS r
      WHERE r.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                                 WHERE u.user_id = $1)
        AND ($2 = '' OR r.repo_full_name = $2)
        AND r.created_at >= $3
        AND r.status = 'posted') AS reviewed
