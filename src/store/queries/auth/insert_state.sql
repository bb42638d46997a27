-- A sign-in in progress: the state sent to GitHub's authorization page.
INSERT INTO oauth_states (state, created_at, expires_at, used) VALUES ($1, $2, $3, 0)
