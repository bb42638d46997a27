-- Forgets the issues pull request $1 closes before they are written anew.
DELETE FROM pr_closes WHERE pull_request_id = $1
