-- A new memory of repository $1: scope $2 (developer $3 or NULL), type $4, content $5 and its
-- normalized form $6, source $7 (review $8, reference $9), confidence $10, written at $11 by
-- user $12 (NULL when Nectr learnt it itself).
INSERT INTO memories (repo_full_name, scope, developer_login, type, content, normalized, source,
                      source_review_id, source_ref, confidence, hits, created_at, updated_at,
                      created_by_user_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $11, $12)
RETURNING id
