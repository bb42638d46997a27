-- The commit the last history import of repository $1 reached; no row before the first.
SELECT head_sha FROM git_history_imports WHERE repository_id = $1
