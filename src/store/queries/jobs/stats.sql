-- Queue gauges at $1 (now): depth, ready jobs, running, dead, and the run_at of the oldest
-- ready job (how long work has waited for a worker).
SELECT COALESCE(SUM(CASE WHEN state = 'queued' THEN 1 ELSE 0 END), 0) AS queued,
       COALESCE(SUM(CASE WHEN state = 'queued' AND run_at <= $1 THEN 1 ELSE 0 END), 0) AS ready,
       COALESCE(SUM(CASE WHEN state = 'running' THEN 1 ELSE 0 END), 0) AS running,
       COALESCE(SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END), 0) AS dead,
       MIN(CASE WHEN state = 'queued' AND run_at <= $1 THEN run_at END) AS oldest_ready_run_at
FROM jobs
WHERE state IN ('queued', 'running', 'dead')
