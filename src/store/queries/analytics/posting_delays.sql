-- Analytics: for each posted review of analytics/days.sql's scope (user $1, repository $2,
-- created since $3) started by a webhook, the milliseconds from the webhook's receipt to
-- the posting. The median is taken in code.
SELECT r.completed_at - e.created_at AS delay_ms
FROM reviews AS r
JOIN events AS e ON e.id = r.event_id
WHERE r.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                           WHERE u.user_id = $1)
  AND ($2 = '' OR r.repo_full_name = $2)
  AND r.created_at >= $3
  AND r.status = 'posted'
  AND r.completed_at IS NOT NULL
