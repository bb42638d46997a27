-- Records a token's use, at most once per interval. $1 token id, $2 now (ms), $3 the last
-- use after which no new write is needed (ms).
UPDATE api_tokens SET last_used_at = $2
WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)
