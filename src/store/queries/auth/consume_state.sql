-- Takes a state for one callback: it matches at most once, so two callbacks racing with the
-- same state cannot both pass. $1: state, $2: now (ms).
UPDATE oauth_states SET used = 1 WHERE state = $1 AND used = 0 AND expires_at > $2
