-- Pull request $1 closes issue number $2.
INSERT INTO pr_closes (pull_request_id, issue_number)
VALUES ($1, $2)
ON CONFLICT (pull_request_id, issue_number) DO NOTHING
