-- One model call made for review $1.
INSERT INTO llm_calls (review_id, provider, model, input_tokens, output_tokens, cost_usd,
                       latency_ms, stop_reason, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
