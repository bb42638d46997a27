-- Stores a trained dictionary: zstd id $1, bytes $2, trained on $3 payloads of $4 bytes in
-- all, at $5. A dictionary with that zstd id stored before (by another process) is kept.
INSERT INTO payload_dictionaries (dictionary_id, dictionary, samples, sample_bytes, created_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (dictionary_id) DO NOTHING
