-- A delivery id seen before inserts nothing and returns no row: the delivery is a duplicate.
INSERT INTO events (event_type, action, source, delivery_id, repo_full_name, payload,
                    payload_encoding, dedup_hash, status, note, created_at, processed_at)
VALUES ($1, $2, 'github', $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (delivery_id) WHERE delivery_id IS NOT NULL DO NOTHING
RETURNING id
