-- States whose sign-in can no longer finish; $1: now (ms).
DELETE FROM oauth_states WHERE expires_at < $1
