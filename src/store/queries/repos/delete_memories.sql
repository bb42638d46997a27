-- Forgets what was learnt about repository $1 (a purge).
DELETE FROM memories WHERE repo_full_name = $1
