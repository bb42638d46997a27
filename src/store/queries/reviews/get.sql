-- One review by id.
SELECT id, repo_full_name, pr_number, head_sha, status, verdict, summary, body, model, provider,
       input_tokens, output_tokens, cost_usd, duration_ms, parts, review_event, github_review_id,
       error, created_at, completed_at
FROM reviews
WHERE id = $1
