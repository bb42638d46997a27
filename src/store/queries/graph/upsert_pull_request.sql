-- Pull request $2 of repository $1: title $3, state $4 (open, closed, merged), author $5,
-- Nectr's verdict $6 given at $7 (NULL for both keeps the previous verdict), head $8, merged at
-- $9, GitHub's created_at $10 and updated_at $11, written at $12. Returns its id.
INSERT INTO pull_requests (repository_id, number, title, state, author_login, verdict,
                           verdict_at, head_sha, merged_at, created_at, updated_at, indexed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT (repository_id, number) DO UPDATE SET
    title = excluded.title,
    state = excluded.state,
    author_login = COALESCE(excluded.author_login, pull_requests.author_login),
    verdict = COALESCE(excluded.verdict, pull_requests.verdict),
    verdict_at = COALESCE(excluded.verdict_at, pull_requests.verdict_at),
    head_sha = COALESCE(excluded.head_sha, pull_requests.head_sha),
    merged_at = COALESCE(excluded.merged_at, pull_requests.merged_at),
    created_at = CASE WHEN excluded.created_at < pull_requests.created_at
                      THEN excluded.created_at ELSE pull_requests.created_at END,
    updated_at = excluded.updated_at,
    indexed_at = excluded.indexed_at
RETURNING id
