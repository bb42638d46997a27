-- Stores what review $1 produced: status $2 ('ready' before posting, 'skipped', 'failed').
UPDATE reviews
SET status = $2, verdict = $3, summary = $4, body = $5, model = $6, provider = $7,
    input_tokens = $8, output_tokens = $9, cost_usd = $10, duration_ms = $11, parts = $12,
    review_event = $13, details = $14, error = $15, completed_at = $16
WHERE id = $1
