-- A page of the event list of user $6 (GET /api/v1/events with a session or API token):
-- only events of the repositories the user reaches (user_repositories), newest first;
-- repository $1, type $2 and status $3 ('' = any), ids below $4, at most $5 rows. As
-- events/list.sql otherwise: keep the two in step.
SELECT e.id, e.delivery_id, e.event_type, e.action, e.repo_full_name, e.status, e.note,
       e.error, e.created_at, e.processed_at,
       j.id AS job_id, j.kind AS job_kind, j.state AS job_state, j.attempts AS job_attempts,
       j.max_attempts AS job_max_attempts, j.last_error AS job_last_error
FROM events AS e
LEFT JOIN jobs AS j
       ON j.id = (SELECT MAX(latest.id) FROM jobs AS latest WHERE latest.event_id = e.id)
WHERE e.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                           WHERE u.user_id = $6)
  AND ($1 = '' OR e.repo_full_name = $1)
  AND ($2 = '' OR e.event_type = $2)
  AND ($3 = '' OR e.status = $3)
  AND e.id < $4
ORDER BY e.id DESC
LIMIT $5
