-- Closes event $1 at $2 once none of its jobs is queued or running: 'failed' if one of them is
-- dead, 'completed' otherwise. error holds the reason of the dead job, or the note of a
-- cancelled one ("superseded by job 12"). No row: work for the event is still pending.
UPDATE events
SET status = CASE WHEN EXISTS (SELECT 1 FROM jobs WHERE jobs.event_id = $1 AND jobs.state = 'dead')
                  THEN 'failed' ELSE 'completed' END,
    error = (SELECT jobs.last_error
             FROM jobs
             WHERE jobs.event_id = $1 AND jobs.state IN ('dead', 'cancelled')
             ORDER BY CASE WHEN jobs.state = 'dead' THEN 0 ELSE 1 END, jobs.finished_at DESC,
                      jobs.id DESC
             LIMIT 1),
    processed_at = $2
WHERE id = $1
  AND NOT EXISTS (SELECT 1 FROM jobs WHERE jobs.event_id = $1
                                       AND jobs.state IN ('queued', 'running'))
RETURNING status
