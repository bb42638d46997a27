-- The scan of repository $1 finished at $7: the index reflects commit $2 and holds $3 files,
-- $4 symbols and $5 chunks; $6 commits were new to the graph.
INSERT INTO repository_scans (repo_full_name, state, commit_sha, files, symbols, chunks,
                              commits_imported, finished_at, updated_at)
VALUES ($1, 'done', $2, $3, $4, $5, $6, $7, $7)
ON CONFLICT (repo_full_name) DO UPDATE SET
    state = 'done',
    commit_sha = $2,
    files = $3,
    symbols = $4,
    chunks = $5,
    commits_imported = $6,
    error = NULL,
    finished_at = $7,
    updated_at = $7
