-- Starts the record of one review run of ($1 repo, $2 PR, $3 head SHA) for event $4 at $5;
-- $6 is the head reviewed before, for an incremental review; $7 and $8 are the pull request's
-- author (GitHub login) and title, NULL when unknown.
INSERT INTO reviews (repo_full_name, pr_number, head_sha, event_id, status, created_at,
                     incremental_from_sha, pr_author, pr_title)
VALUES ($1, $2, $3, $4, 'running', $5, $6, $7, $8)
RETURNING id
