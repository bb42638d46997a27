-- Records the intent to post the review of ($1 repo, $2 PR, $3 head SHA) for job $4 at $5.
-- No row: an intent already exists (posted, or left by an attempt that crashed).
INSERT INTO review_intents (repo_full_name, pr_number, head_sha, state, job_id, created_at,
                            updated_at)
VALUES ($1, $2, $3, 'posting', $4, $5, $5)
ON CONFLICT (repo_full_name, pr_number, head_sha) DO NOTHING
RETURNING id
