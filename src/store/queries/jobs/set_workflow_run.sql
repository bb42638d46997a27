-- Points job $1 at the workflow run ($2) of its current attempt.
UPDATE jobs SET workflow_run_id = $2 WHERE id = $1
