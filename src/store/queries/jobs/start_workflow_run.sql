-- Opens the workflow_runs row of one attempt: event $1 (may be NULL), type $2 (the job's
-- kind), started at $3.
INSERT INTO workflow_runs (event_id, workflow_type, status, started_at)
VALUES ($1, $2, 'running', $3)
RETURNING id
