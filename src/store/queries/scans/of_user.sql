-- The scan status of every repository user $1 connected (now or before).
SELECT repo_full_name, state, kind, commit_sha, files, symbols, chunks, commits_imported, error,
       queued_at, started_at, finished_at
FROM repository_scans
WHERE repo_full_name IN (SELECT repo_full_name FROM installations WHERE user_id = $1)
