-- Analytics: per pull request author, how many pull requests and posted reviews of
-- analytics/days.sql's scope (user $1, repository $2, created since $3). Every author: the
-- ranking and its ties are settled in code, alike on both engines.
SELECT per_pr.pr_author, COUNT(*) AS prs, SUM(per_pr.reviews) AS reviews
FROM (SELECT r.pr_author, r.repo_full_name, r.pr_number, COUNT(*) AS reviews
      FROM reviews AS r
      WHERE r.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                                 WHERE u.user_id = $1)
        AND ($2 = '' OR r.repo_full_name = $2)
        AND r.created_at >= $3
        AND r.status = 'posted'
        AND r.pr_author IS NOT NULL
      GROUP BY r.pr_author, r.repo_full_name, r.pr_number) AS per_pr
GROUP BY per_pr.pr_author
