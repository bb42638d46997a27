-- Developer $1 (login key, lower case), $2 whether it is a GitHub login, $3 name, $4 e-mail,
-- at time $5: added, or its missing name and e-mail filled in. Returns its id.
INSERT INTO developers (login, is_github, name, email, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $5)
ON CONFLICT (login) DO UPDATE SET
    name = COALESCE(developers.name, excluded.name),
    email = COALESCE(developers.email, excluded.email),
    updated_at = excluded.updated_at
RETURNING id
