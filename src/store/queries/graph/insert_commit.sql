-- Commit $2 of repository $1 by developer $3 (name $4, e-mail $5), authored at $6 and
-- committed at $7, with $8 parents and $9 files. Returns its id; no row when it was
-- imported before.
INSERT INTO commits (repository_id, sha, developer_id, author_name, author_email, authored_at,
                     committed_at, parent_count, file_count)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (repository_id, sha) DO NOTHING
RETURNING id
