-- Review $2 when user $1 reaches its repository (user_repositories); no row otherwise, so
-- that a review of someone else's repository looks like one that does not exist.
SELECT r.id, r.repo_full_name, r.pr_number, r.pr_title, r.pr_author, r.head_sha, r.status,
       r.verdict, r.summary, r.body, r.details, r.model, r.provider, r.input_tokens,
       r.output_tokens, r.cost_usd, r.duration_ms, r.parts, r.review_event, r.github_review_id,
       r.incremental_from_sha, r.error, r.created_at, r.completed_at
FROM reviews AS r
WHERE r.id = $2
  AND r.repo_full_name IN (SELECT u.repo_full_name FROM user_repositories AS u
                           WHERE u.user_id = $1)
