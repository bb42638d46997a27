-- The model calls made for review $1, oldest first. The caller has checked that the review
-- may be shown.
SELECT id, provider, model, input_tokens, output_tokens, cost_usd, latency_ms, stop_reason,
       created_at
FROM llm_calls
WHERE review_id = $1
ORDER BY id
