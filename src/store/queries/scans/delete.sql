-- Forgets the scan status of repository $1.
DELETE FROM repository_scans WHERE repo_full_name = $1
