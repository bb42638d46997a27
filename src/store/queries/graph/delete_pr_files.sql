-- Forgets the files of pull request $1 before they are written anew.
DELETE FROM pr_files WHERE pull_request_id = $1
