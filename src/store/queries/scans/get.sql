-- The scan status of repository $1.
SELECT repo_full_name, state, kind, commit_sha, files, symbols, chunks, commits_imported, error,
       queued_at, started_at, finished_at
FROM repository_scans
WHERE repo_full_name = $1
